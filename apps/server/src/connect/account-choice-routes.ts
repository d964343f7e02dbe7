/**
 * @module `GET/POST /connect/account`: after an end user connected, through a connect link, a
 * connector that acts for one account of the grant (`discover`) and more than one (or no) account
 * was found, this page lists them; the choice is stored with `setAccount` (which lists them again,
 * so only an account the grant can act for is kept) and the browser goes on to `returnTo`.
 */
import { type Database, withTenant } from '@patchbay/db';
import { type Engine, EngineError } from '@patchbay/engine';
import { type DiscoveredAccount, isConnectorError, storedAccount } from '@patchbay/sdk';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import { escapeHtml } from '../html-escape.ts';
import { errorPage } from '../oauth-pages.ts';
import type { RequestVariables } from '../request-id.ts';
import { type AccountChoice, clearAccountChoiceCookie, readAccountChoiceCookie } from './account-choice-cookie.ts';
import { fromOwnPage, redirectToReturn, sendConnectPage } from './page-layout.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

const NO_CHOICE = 'There is no account to choose here: open the connect link again from the app you came from.';

function renderChoice(accounts: DiscoveredAccount[], error?: string): string {
  const options = accounts
    .map((a, i) => {
      const id = `account-${i}`;
      return `<label class="choice" for="${id}"><input type="radio" id="${id}" name="account" value="${escapeHtml(a.id)}"${i === 0 ? ' required' : ''}> ${escapeHtml(a.name)} <span class="hint">(${escapeHtml(a.id)})</span></label>`;
    })
    .join('');
  const alert = error ? `<p class="form-error" role="alert">${escapeHtml(error)}</p>` : '';
  return (
    `<h1>Choose an account</h1><p>Your sign-in gives access to several accounts. Choose the one this app acts for.</p>${alert}` +
    `<form method="post" action="/connect/account"><fieldset><legend>Accounts</legend>${options}</fieldset>` +
    `<button type="submit">Use this account</button></form>`
  );
}

export function accountChoiceRoutes(db: Kysely<Database>, engine: Engine) {
  const app = new Hono<{ Variables: RequestVariables }>();
  const ownOrigin = new URL(engine.publicUrl).origin;
  const secure = ownOrigin.startsWith('https:');

  /** The choice this browser holds, while its connection still waits for an account. */
  async function pendingChoice(c: Ctx): Promise<AccountChoice | undefined> {
    const choice = readAccountChoiceCookie(engine.ring, secure, c.req.header('cookie'));
    if (!choice) return undefined;
    const row = await withTenant(db, choice.tenantId, (tx) =>
      tx.selectFrom('connections').select('metadata').where('id', '=', choice.connectionId).executeTakeFirst(),
    );
    return row && storedAccount(row.metadata) === null ? choice : undefined;
  }

  async function listPage(c: Ctx, choice: AccountChoice, error?: string) {
    try {
      const accounts = await engine.discoverAccounts(choice.tenantId, choice.connectionId);
      if (accounts.length === 0) {
        return sendConnectPage(
          c,
          404,
          'No account found',
          `<h1>No account found</h1><p>Your sign-in gives access to no account this app can use.</p>`,
        );
      }
      return sendConnectPage(c, error ? 400 : 200, 'Choose an account', renderChoice(accounts, error));
    } catch (failure) {
      if (!(isConnectorError(failure) || failure instanceof EngineError)) throw failure;
      c.get('log').info({ code: failure.code }, 'connect page: discover failed');
      return sendConnectPage(c, 502, 'Accounts unavailable', `<h1>The accounts could not be listed</h1><p>Try again in a moment.</p>`);
    }
  }

  app.get('/connect/account', async (c) => {
    const choice = await pendingChoice(c);
    if (!choice) return errorPage(c, 401, 'account_choice_invalid', NO_CHOICE);
    return listPage(c, choice);
  });

  app.post('/connect/account', bodyLimit({ maxSize: 4096 }), async (c) => {
    if (!fromOwnPage(c, ownOrigin)) return errorPage(c, 403, 'cross_site', 'Choose the account on the page itself.');
    const choice = await pendingChoice(c);
    if (!choice) return errorPage(c, 401, 'account_choice_invalid', NO_CHOICE);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const accountId = typeof form.account === 'string' ? form.account : '';
    if (!accountId) return listPage(c, choice, 'Choose one of the accounts.');
    try {
      await engine.setAccount(choice.tenantId, choice.connectionId, accountId);
    } catch (failure) {
      if (failure instanceof EngineError && failure.code === 'ACCOUNT_NOT_FOUND')
        return listPage(c, choice, 'That account is not available: choose one of the list.');
      throw failure;
    }
    c.header('set-cookie', clearAccountChoiceCookie(secure), { append: true });
    return redirectToReturn(c, choice.returnTo, { connection_id: choice.connectionId, status: 'connected' });
  });

  return app;
}
