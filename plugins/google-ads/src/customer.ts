/**
 * @module Which customer a request acts on. The customer is the account chosen after connecting
 * (`discover`); a client account reached through a manager needs that manager's id in the
 * `login-customer-id` header on every request
 * (https://developers.google.com/google-ads/api/rest/auth#login_customer_id).
 */
import { type ConnectedAccount, ConnectorError } from '@patchbay/sdk';

export interface CustomerTarget {
  customerId: string;
  headers: Record<string, string>;
}

/** Headers for a call made on behalf of `loginCustomerId` (a manager), or none. */
export const loginHeaders = (loginCustomerId: string | null | undefined): Record<string, string> =>
  loginCustomerId ? { 'login-customer-id': loginCustomerId } : {};

export function customerTarget(account: ConnectedAccount | null, params: { loginCustomerId?: string | undefined }): CustomerTarget {
  // The engine refuses actions before an account is chosen; this guards direct SDK use (harness, scripts).
  if (!account) {
    throw new ConnectorError(
      'INVALID_INPUT',
      'No Google Ads customer is chosen for this connection: choose one with connections.setAccount',
    );
  }
  const fromAccount = account.metadata?.loginCustomerId;
  const login = typeof fromAccount === 'string' ? fromAccount : params.loginCustomerId;
  return { customerId: account.id, headers: loginHeaders(login) };
}
