/**
 * @module What a connect link does at `/oauth/:connectorId/authorize?connect_token=…` (the URL
 * `connectSessions.create` hands out): the GET shows the connect page; its form's POST checks
 * the connection parameters and the pasted credentials against the connector's own schemas
 * (field errors shown, input kept but never a secret, the link not spent), then either starts
 * OAuth or runs the health check and saves the connection for the link's tenant and end user.
 * The link is spent by the POST that starts OAuth or saves a connection, and only then.
 */
import type { BeginRequest, ConnectSessionView, Engine } from '@patchbay/engine';
import { type AnyConnector, type ConnectorError, isConnectorError, parseConnectionParams } from '@patchbay/sdk';
import type { Context } from 'hono';
import { errorPage } from '../oauth-pages.ts';
import type { RequestVariables } from '../request-id.ts';
import { setAccountChoiceCookie } from './account-choice-cookie.ts';
import { type ConnectFormView, credentialsSchema, openParamsSchema, renderConnectForm } from './connect-form.ts';
import { fromOwnPage, redirectToReturn, sendConnectPage } from './page-layout.ts';
import { fieldErrors, sectionValues, toSchemaInput } from './schema-form.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

export const INVALID_LINK = 'This connect link is unknown, already used or expired. Ask for a new one.';

export interface ConnectLinkDeps {
  engine: Engine;
  secure: boolean;
  /** Starts an OAuth flow in this browser (oauth-routes.ts). */
  begin: (c: Ctx, request: BeginRequest) => Promise<Response>;
}

interface Submitted {
  params: Record<string, string>;
  credentials: Record<string, string>;
  paramErrors?: Record<string, string>;
  credentialErrors?: Record<string, string>;
  formError?: string;
}

function page(c: Ctx, connector: AnyConnector, token: string, link: ConnectSessionView, status: 200 | 400 | 502, input?: Submitted) {
  const paramsSchema = openParamsSchema(connector, link.params);
  const credSchema = credentialsSchema(connector);
  const submitted = input !== undefined;
  const view: ConnectFormView = {
    connector,
    path: new URL(c.req.url).pathname,
    token,
    returnTo: link.returnTo,
    params: paramsSchema
      ? { prefix: 'params', schema: paramsSchema, values: input?.params ?? {}, errors: input?.paramErrors ?? {}, submitted }
      : undefined,
    credentials: credSchema
      ? { prefix: 'credentials', schema: credSchema, values: input?.credentials ?? {}, errors: input?.credentialErrors ?? {}, submitted }
      : undefined,
    // A check across fields with no field of its own (the schema's refine) is shown above the form.
    formError: input?.formError ?? input?.credentialErrors?.[''] ?? input?.paramErrors?.[''],
  };
  return sendConnectPage(c, status, `Connect ${connector.name}`, renderConnectForm(view));
}

/** GET: the page, the token looked up but not spent. */
export async function showConnectLink(c: Ctx, engine: Engine, connectorId: string, token: string) {
  const link = await engine.findConnectSession(token, connectorId);
  const connector = engine.registry.get(connectorId);
  if (!link || !connector) return errorPage(c, 401, 'connect_token_invalid', INVALID_LINK);
  return page(c, connector, token, link, 200);
}

/** What the end user reads for a refused submit: never the provider's own text, which may echo the key. */
function failureText(connector: AnyConnector, error: ConnectorError): string {
  const name = connector.name;
  switch (error.code) {
    case 'AUTH_INVALID':
    case 'AUTH_EXPIRED':
      return `${name} did not accept these credentials. Check them and try again.`;
    case 'FORBIDDEN_SCOPE':
      return `These credentials lack a permission ${name} requires. Use credentials with more access.`;
    case 'RATE_LIMITED':
      return `${name} is limiting requests right now. Try again in a minute.`;
    case 'INVALID_INPUT':
    case 'NOT_FOUND':
      return `${name} refused these details. Check them and try again.`;
    default:
      return `${name} could not be reached to check these credentials. Try again in a moment.`;
  }
}

/** POST: validate, then spend the link on starting OAuth or on saving the connection. */
export async function submitConnectLink(c: Ctx, deps: ConnectLinkDeps, connectorId: string) {
  if (!fromOwnPage(c, new URL(deps.engine.publicUrl).origin)) {
    return errorPage(c, 403, 'cross_site', 'Open the connect link itself and press its button.');
  }
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const token = typeof form.connect_token === 'string' ? form.connect_token : '';
  const link = await deps.engine.findConnectSession(token, connectorId);
  const connector = deps.engine.registry.get(connectorId);
  if (!link || !connector) return errorPage(c, 401, 'connect_token_invalid', INVALID_LINK);

  const submitted: Submitted = { params: sectionValues(form, 'params'), credentials: sectionValues(form, 'credentials') };
  const paramsSchema = openParamsSchema(connector, link.params);
  let params: Record<string, unknown> = link.params;
  if (paramsSchema) {
    params = toSchemaInput(paramsSchema, submitted.params);
    try {
      parseConnectionParams(connector, params);
    } catch (error) {
      if (!isConnectorError(error)) throw error;
      const parsed = connector.connectionParams?.safeParse(params);
      const key = error.path?.split('.')[1] ?? '';
      submitted.paramErrors =
        parsed && !parsed.success ? fieldErrors(parsed.error.issues, params) : { [key]: 'This value is not allowed.' };
    }
  }
  const auth = connector.auth;
  const credSchema = credentialsSchema(connector);
  const credentials = toSchemaInput(credSchema, submitted.credentials);
  if (auth.kind !== 'oauth2' && 'fields' in auth) {
    const parsed = auth.fields.safeParse(credentials);
    if (!parsed.success) submitted.credentialErrors = fieldErrors(parsed.error.issues, credentials);
  }
  if (submitted.paramErrors || submitted.credentialErrors) return page(c, connector, token, link, 400, submitted);

  const claimed = await deps.engine.claimConnectSession(token, connectorId);
  if (!claimed) return errorPage(c, 401, 'connect_token_invalid', INVALID_LINK);
  const endUserId = claimed.endUserId ?? undefined;
  if (auth.kind === 'oauth2') {
    const started = await deps.begin(c, { tenantId: claimed.tenantId, connectorId, returnTo: claimed.returnTo, endUserId, params });
    // No flow began (no OAuth app configured yet): the link stays usable once the integrator fixes that.
    if (started.status >= 400) await deps.engine.releaseConnectSession(token, claimed.claimedAt);
    return started;
  }
  let made: { id: string; accountPending?: boolean | undefined };
  try {
    made = await deps.engine.createConnection(claimed.tenantId, {
      connectorId,
      credentials,
      params,
      endUserId,
      actor: endUserId ? `end_user:${endUserId}` : undefined,
    });
  } catch (error) {
    await deps.engine.releaseConnectSession(token, claimed.claimedAt);
    if (!isConnectorError(error)) throw error;
    c.get('log').info({ code: error.code, connectorId }, 'connect page: credentials refused');
    // Secrets are never rendered back (schema-form.ts); the other fields keep what was typed.
    const status = error.code === 'UPSTREAM' || error.code === 'TIMEOUT' || error.code === 'RATE_LIMITED' ? 502 : 400;
    return page(c, connector, token, link, status, { ...submitted, formError: failureText(connector, error) });
  }
  if (made.accountPending) {
    const choice = { tenantId: claimed.tenantId, connectionId: made.id, returnTo: claimed.returnTo };
    c.header('set-cookie', setAccountChoiceCookie(deps.engine.ring, deps.secure, choice), { append: true });
    return redirectToReturn(c, `${deps.engine.publicUrl}/connect/account`, {});
  }
  return redirectToReturn(c, claimed.returnTo, { connection_id: made.id, status: 'connected' });
}
