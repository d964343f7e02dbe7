import type { KeyRing } from '@patchbay/auth';
import { openJson } from '@patchbay/auth';
import type { Database } from '@patchbay/db';
import { CREDENTIALS_PURPOSE } from '@patchbay/engine';
import type { Kysely } from 'kysely';
import type { FakeProvider } from './fake-provider.ts';
import { HttpSession, ok } from './http-session.ts';
import { hop, walkToCallback } from './oauth-browser.ts';
import { signUpVerified } from './sign-up.ts';
import type { Outbox } from './test-accounts.ts';

export interface AcmeTenant {
  org: string;
  owner: HttpSession;
  apiKey: string;
  connectionId: string;
}

/** Signs up, makes an organization with an OAuth app and an API key, and connects acme-oauth through the real flow. */
export async function connectAcme(server: { url: string; outbox: Outbox }): Promise<AcmeTenant> {
  const base = server.url;
  const user = new HttpSession(base);
  await signUpVerified(user, server.outbox, `acme-${Date.now()}-${Math.random()}@example.com`);
  const org = ok(await user.mutation('orgs.create', { name: 'Acme' })).id as string;
  const owner = user.withOrg(org);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'acme-oauth', clientId: 'patchbay-client', clientSecret: 'acme-client-secret' }));
  const apiKey = ok(await owner.mutation('apiKeys.create', { name: 'service' })).key as string;
  const flow = await walkToCallback(`${base}/oauth/acme-oauth/authorize?org=${org}`, user);
  const back = await hop(flow.callbackUrl, flow.browser);
  const connectionId = back.location?.searchParams.get('connection_id');
  if (!connectionId) throw new Error(`connecting failed: ${back.location}`);
  return { org, owner, apiKey, connectionId };
}

/** Makes the stored access token expired and unusable at the provider. */
export async function expireToken(db: Kysely<Database>, provider: FakeProvider, connectionId: string): Promise<void> {
  provider.validTokens.clear();
  await db
    .updateTable('connections')
    .set({ expires_at: new Date(Date.now() - 60_000) })
    .where('id', '=', connectionId)
    .execute();
}

export async function storedTokens(
  db: Kysely<Database>,
  ring: KeyRing,
  connectionId: string,
): Promise<{ accessToken: string; refreshToken?: string; expiresAt: Date | null; status: string }> {
  const row = await db
    .selectFrom('connections')
    .select(['tenant_id', 'credentials_sealed', 'expires_at', 'status'])
    .where('id', '=', connectionId)
    .executeTakeFirstOrThrow();
  const tokens = openJson<{ accessToken: string; refreshToken?: string }>(ring, row.credentials_sealed ?? '', {
    tenantId: row.tenant_id,
    recordId: connectionId,
    purpose: CREDENTIALS_PURPOSE,
  });
  return { ...tokens, expiresAt: row.expires_at, status: row.status };
}
