/**
 * @module The account a connection acts for, when its connector chooses one (`discover`): the
 * server keeps it in the connection's `metadata.account` (the SDK's `storedAccount` reads the
 * same shape; the dashboard imports only the API's types, so it reads it here).
 */
export interface ChosenAccount {
  id: string;
  name: string;
}

export function chosenAccount(metadata: unknown): ChosenAccount | null {
  if (!metadata || typeof metadata !== 'object') return null;
  const account = (metadata as { account?: unknown }).account;
  if (!account || typeof account !== 'object') return null;
  const { id, name } = account as { id?: unknown; name?: unknown };
  return typeof id === 'string' && typeof name === 'string' ? { id, name } : null;
}
