/**
 * @module The page a connect link opens: what the connector is and what access it asks for,
 * the connection parameters the link left open, and the credentials form for connectors whose
 * end user pastes a key (or the button that continues to the provider for OAuth). The form
 * posts the link's token to the link's own path; opening the link (a GET, as scanners and chat
 * previews do) spends nothing.
 */
import { type AnyConnector, isGrantAuth } from '@patchbay/sdk';
import { z } from 'zod';
import { escapeHtml } from '../html-escape.ts';
import { type FormSection, fieldCount, renderFields } from './schema-form.ts';

/** The JSON Schema of what an end user pastes, or undefined for OAuth (and `none`). */
export function credentialsSchema(connector: AnyConnector): Record<string, unknown> | undefined {
  const auth = connector.auth;
  if (auth.kind === 'apiKey' || auth.kind === 'basic' || isGrantAuth(auth)) {
    return z.toJSONSchema(auth.fields, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  }
  return undefined;
}

/** The params schema when the link left the params to the end user. */
export function openParamsSchema(connector: AnyConnector, linkParams: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!connector.connectionParams || Object.keys(linkParams).length > 0) return undefined;
  return z.toJSONSchema(connector.connectionParams, { io: 'input' }) as Record<string, unknown>;
}

export interface ConnectFormView {
  connector: AnyConnector;
  /** The link's path and token: the form posts them back. */
  path: string;
  token: string;
  returnTo: string;
  params?: FormSection | undefined;
  credentials?: FormSection | undefined;
  /** A failure of the whole submit (the provider refused the key), shown above the form. */
  formError?: string | undefined;
}

function accessText(connector: AnyConnector): string {
  const auth = connector.auth;
  const scopes = auth.kind === 'oauth2' || isGrantAuth(auth) ? auth.scopes : [];
  const list = scopes.length ? `<ul>${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>` : '';
  const name = escapeHtml(connector.name);
  if (auth.kind === 'oauth2') {
    return `<h2>Access requested</h2><p>You sign in at ${name} and approve ${scopes.length ? 'these permissions' : 'access to your account'}:</p>${list}`;
  }
  return (
    `<h2>Access requested</h2><p>What you enter is checked with ${name} before anything is saved, then stored encrypted and used only for this app's requests to ${name}.</p>` +
    list
  );
}

export function renderConnectForm(view: ConnectFormView): string {
  const { connector } = view;
  const name = escapeHtml(connector.name);
  const isOAuth = connector.auth.kind === 'oauth2';
  const returnHost = escapeHtml(new URL(view.returnTo).host);
  const params =
    view.params && fieldCount(view.params.schema) > 0
      ? `<fieldset><legend><h2>Connection details</h2></legend>${renderFields(view.params)}</fieldset>`
      : '';
  const credentials =
    view.credentials && fieldCount(view.credentials.schema) > 0
      ? `<fieldset><legend><h2>Credentials</h2></legend>${renderFields(view.credentials)}</fieldset>`
      : '';
  const formError = view.formError ? `<p class="form-error" role="alert">${escapeHtml(view.formError)}</p>` : '';
  const button = isOAuth ? `Continue to ${name}` : `Connect ${name}`;
  return (
    `<h1>Connect your ${name} account</h1>` +
    `<p>${escapeHtml(connector.description)}</p>` +
    accessText(connector) +
    `<p class="hint">When you are done you return to <strong>${returnHost}</strong>.</p>` +
    formError +
    `<form method="post" action="${escapeHtml(view.path)}"><input type="hidden" name="connect_token" value="${escapeHtml(view.token)}">` +
    `${params}${credentials}<button type="submit">${button}</button></form>`
  );
}
