/**
 * The forms the connect page generates from the installed connectors' own schemas: every field
 * of every credentials and params schema gets one labelled control of the right kind, and what a
 * browser sends back (strings, an absent unchecked box) becomes input the connector's zod schema
 * accepts, or messages beside the right fields.
 */
import { describe, expect, it } from 'vitest';
import config from '../../../../patchbay.config.ts';
import { grantsJwtBearer } from '../sdk2/grants-connector.ts';
import { type Control, controlsOf } from '../testing/connect-form.ts';
import { credentialsSchema, openParamsSchema, renderConnectForm } from './connect-form.ts';
import { type FormSection, fieldErrors, renderFields, toSchemaInput } from './schema-form.ts';

const connectors = config.connectors;
const byId = (id: string) => {
  const found = connectors.find((c) => c.id === id);
  if (!found) throw new Error(`${id} is not installed`);
  return found;
};

const section = (prefix: FormSection['prefix'], schema: Record<string, unknown> | undefined): FormSection => ({
  prefix,
  schema,
  values: {},
  errors: {},
});

function controls(prefix: FormSection['prefix'], schema: Record<string, unknown> | undefined): Record<string, Control> {
  return Object.fromEntries(controlsOf(renderFields(section(prefix, schema))).map((c) => [c.name ?? '', c]));
}

describe('forms from every installed connector', () => {
  it.each(connectors.map((c) => [c.id, c] as const))('%s: one labelled control per field, no script', (_id, connector) => {
    const schemas = [
      ['credentials', credentialsSchema(connector)],
      ['params', openParamsSchema(connector, {})],
    ] as const;
    for (const [prefix, schema] of schemas) {
      const keys = Object.keys((schema?.properties as Record<string, unknown> | undefined) ?? {});
      const shown = controlsOf(renderFields(section(prefix, schema)));
      expect(shown.map((c) => c.name)).toEqual(keys.map((k) => `${prefix}.${k}`));
      for (const control of shown) expect(control.labelled, control.name).toBe(true);
    }
    const page = renderConnectForm({
      connector,
      path: `/oauth/${connector.id}/authorize`,
      token: 'pbc_x',
      returnTo: 'https://app.example.com/done',
      credentials: section('credentials', credentialsSchema(connector)),
      params: section('params', openParamsSchema(connector, {})),
    });
    expect(page).toContain(`Connect your ${connector.name} account`);
    expect(page).not.toMatch(/<script/i);
  });

  it('secrets are password inputs; identifiers, hosts and user names are not', () => {
    expect(controls('credentials', credentialsSchema(byId('discord')))['credentials.botToken']?.type).toBe('password');
    const twilio = controls('credentials', credentialsSchema(byId('twilio-sms')));
    expect(Object.fromEntries(Object.entries(twilio).map(([name, c]) => [name, c.type]))).toEqual({
      'credentials.accountSid': 'text',
      'credentials.authToken': 'password',
      'credentials.apiKeySid': 'text',
      'credentials.apiKeySecret': 'password',
    });
  });

  it('numbers, choices and booleans (SMTP): defaults shown first, form strings parsed back', () => {
    const schema = credentialsSchema(byId('smtp'));
    const html = renderFields(section('credentials', schema));
    const shown = controls('credentials', schema);
    expect(shown['credentials.port']).toMatchObject({ type: 'number', value: '587' });
    expect(shown['credentials.allowPlaintextLogin']?.type).toBe('checkbox');
    expect(html).toContain('<option value="starttls" selected>starttls</option>');
    expect(shown['credentials.password']?.type).toBe('password');

    const smtp = byId('smtp').auth;
    if (smtp.kind !== 'basic') throw new Error('smtp is basic auth');
    const sent = { host: 'smtp.example.com', port: '465', security: 'tls', username: 'mailer', password: 'pw', from: '' };
    const input = toSchemaInput(schema, sent);
    expect(input).toEqual({
      host: 'smtp.example.com',
      port: 465,
      security: 'tls',
      username: 'mailer',
      password: 'pw',
      allowPlaintextLogin: false,
    });
    expect(smtp.fields.safeParse(input).success).toBe(true);

    const plain = toSchemaInput(schema, { ...sent, security: 'none' });
    const refused = smtp.fields.safeParse(plain);
    expect(refused.success).toBe(false);
    if (!refused.success) expect(fieldErrors(refused.error.issues, plain).security).toMatch(/in clear/);
    expect(smtp.fields.safeParse(toSchemaInput(schema, { ...sent, security: 'none', allowPlaintextLogin: 'on' })).success).toBe(true);
  });

  it('a missing field reads "Required"; a cross-field check keeps its own message', () => {
    const auth = byId('twilio-sms').auth;
    if (auth.kind !== 'basic') throw new Error('twilio is basic auth');
    const schema = credentialsSchema(byId('twilio-sms'));
    const input = toSchemaInput(schema, { accountSid: `AC${'0'.repeat(32)}`, apiKeySid: `SK${'1'.repeat(32)}` });
    const parsed = auth.fields.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrors(parsed.error.issues, input).apiKeySecret).toBe('an API key needs both its SID and its secret');

    const shop = byId('shopify').connectionParams;
    const empty = toSchemaInput(openParamsSchema(byId('shopify'), {}), { shop: '  ' });
    const missing = shop?.safeParse(empty);
    expect(missing?.success).toBe(false);
    if (missing && !missing.success) expect(fieldErrors(missing.error.issues, empty)).toEqual({ shop: 'Required' });
  });

  it('a pasted JSON key (a service-account grant) is a textarea parsed back to an object', () => {
    const connector = grantsJwtBearer({
      clientCredentialsTokenUrl: 'http://127.0.0.1:1/token',
      jwtTokenUrl: 'http://127.0.0.1:1/jwt',
      upstream: 'http://127.0.0.1:1',
    });
    const schema = credentialsSchema(connector);
    const shown = controls('credentials', schema);
    expect(shown['credentials.serviceAccountKey']).toMatchObject({ tag: 'textarea', labelled: true });
    const key = { client_email: 'svc@example.iam.gserviceaccount.com', private_key: 'k', private_key_id: 'kid', token_uri: 'x' };
    expect(toSchemaInput(schema, { serviceAccountKey: JSON.stringify(key) }).serviceAccountKey).toEqual(key);
    expect(toSchemaInput(schema, { serviceAccountKey: 'not json' }).serviceAccountKey).toBe('not json');
  });

  it('field hints come from .describe(), tied to their control', () => {
    const html = renderFields(section('params', openParamsSchema(byId('whatsapp'), {})));
    expect(html).toContain('aria-describedby="f-params-phoneNumberId-hint"');
    expect(html).toContain('id="f-params-phoneNumberId-hint">Phone number id (WhatsApp Manager &#62; Phone numbers), the sender</p>');
  });
});
