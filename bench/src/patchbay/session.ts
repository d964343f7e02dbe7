/**
 * @module A signed-in dashboard user with an organization, made over HTTP as a browser would
 * (sign up, sign in, create the org), for the benches that call what the dashboard calls.
 */
import type { PatchbayServer } from './server.ts';

export interface SignedInOrg {
  /** The `name=value` session cookie pair. */
  cookie: string;
  org: string;
  /** What the dashboard sends on every call: the session, the CSRF header, the org in scope. */
  headers: Record<string, string>;
}

export async function signedInOrg(server: PatchbayServer, email = 'bench@example.com'): Promise<SignedInOrg> {
  const account = JSON.stringify({ email, password: 'a long unusual phrase' });
  const json = { 'content-type': 'application/json', 'x-patchbay-csrf': '1' };
  await fetch(`${server.url}/trpc/auth.signUp`, { method: 'POST', headers: json, body: account });
  // Seeded like the other benches' tenants: the bench does not read the verification mail.
  await server.db.updateTable('users').set({ email_verified_at: new Date() }).where('email', '=', email).execute();
  // Sign-up sets no session (it answers alike for taken emails); signing in does.
  const signIn = await fetch(`${server.url}/trpc/auth.signIn`, { method: 'POST', headers: json, body: account });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${server.url}/trpc/orgs.create`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ name: 'bench' }),
  });
  const body = (await created.json()) as { result?: { data: { id: string } } };
  if (!body.result) throw new Error(`orgs.create answered ${created.status}: ${JSON.stringify(body)}`);
  const org = body.result.data.id;
  return { cookie, org, headers: { cookie, 'x-patchbay-csrf': '1', 'x-patchbay-org': org } };
}
