import { describe, expect, it } from 'vitest';
import { connectOutcome, connectReturnTo, failureText, reauthorizeUrl } from './connect-urls.ts';
import { chosenAccount } from './connection-account.ts';
import { linkToken } from './link-token.ts';

const ID = '0b6f3c8e-53a4-4c8e-9a43-0d1f2b3c4d5e';

describe('re-authorize and connect URLs', () => {
  it('re-authorizes the same connection and comes back to its page', () => {
    const url = new URL(
      reauthorizeUrl({ connectorId: 'acme oauth', connectionId: ID, org: 'org-1', origin: 'http://127.0.0.1:3000' }),
      'http://x',
    );
    expect(url.pathname).toBe('/oauth/acme%20oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      org: 'org-1',
      connection_id: ID,
      return_to: `http://127.0.0.1:3000/connections/${ID}`,
    });
  });

  it('brings a connect link back to the Connect page with its connector chosen', () => {
    expect(connectReturnTo('http://127.0.0.1:3000', 'acme-key')).toBe('http://127.0.0.1:3000/connections/new?connector=acme-key');
  });
});

describe('the outcome in returnTo', () => {
  it('reads a connection, a pending account choice and a failure', () => {
    expect(connectOutcome(new URLSearchParams({ connection_id: ID, status: 'connected' }))).toEqual({
      kind: 'connected',
      connectionId: ID,
      chooseAccount: false,
    });
    expect(connectOutcome(new URLSearchParams({ connection_id: ID, status: 'connected', account: 'choose' }))).toMatchObject({
      chooseAccount: true,
    });
    expect(connectOutcome(new URLSearchParams({ error: 'access_denied' }))).toEqual({ kind: 'failed', code: 'access_denied' });
    expect(failureText('access_denied')).toMatch(/declined/);
    expect(failureText('something_new')).toMatch(/something_new/);
  });

  it('ignores an id that is not one (never a path to follow) and a missing status', () => {
    expect(connectOutcome(new URLSearchParams({ connection_id: '../../runs', status: 'connected' }))).toEqual({ kind: 'none' });
    expect(connectOutcome(new URLSearchParams({ connection_id: ID }))).toEqual({ kind: 'none' });
  });
});

describe('the token of a mailed link', () => {
  it('comes from the fragment, decoded, or is empty', () => {
    expect(linkToken('#token=abc%2Bdef')).toBe('abc+def');
    expect(linkToken('')).toBe('');
    expect(linkToken('#other=1')).toBe('');
  });
});

describe('the account a connection acts for', () => {
  it('reads metadata.account, and nothing from any other shape', () => {
    expect(chosenAccount({ account: { id: 'acct-2', name: 'South', metadata: { x: 1 } } })).toEqual({ id: 'acct-2', name: 'South' });
    expect(chosenAccount({ account: null })).toBeNull();
    expect(chosenAccount({ account: { id: 2, name: 'South' } })).toBeNull();
    expect(chosenAccount(null)).toBeNull();
  });
});
