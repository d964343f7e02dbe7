import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { oauth2 } from '../auth/define-auth.ts';
import { defineConnector } from '../define.ts';
import { parseConnectionParams } from './connection-params.ts';
import { placeholdersOf, resolveHostTemplate, templateProblem } from './host-template.ts';

const SHOP = { shop: /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/ };
const TEMPLATE = 'https://{shop}.myshopify.com';

describe('resolveHostTemplate', () => {
  it('resolves a shop to its own host, and leaves a plain URL alone', () => {
    expect(resolveHostTemplate(TEMPLATE, { shop: 'acme' }, SHOP)).toBe('https://acme.myshopify.com');
    expect(resolveHostTemplate(`${TEMPLATE}/admin/oauth/authorize`, { shop: 'a-1' }, SHOP)).toBe(
      'https://a-1.myshopify.com/admin/oauth/authorize',
    );
    expect(resolveHostTemplate('https://api.example.com', {}, undefined)).toBe('https://api.example.com');
  });

  it.each([
    'evil.com#',
    'evil.com/',
    'a.myshopify.com.evil.com',
    'a/../b',
    'ACME',
    'Acme',
    'bäckerei',
    'xn--bckerei-wxa.evil',
    '127.0.0.1',
    'a@evil.com',
    'a:8080',
    'a?x=',
    'a\\b',
    '%2e%2e',
    '',
    '-a',
  ])('refuses %j: no host, HOST_NOT_ALLOWED at params.shop', (shop) => {
    expect(() => resolveHostTemplate(TEMPLATE, { shop }, SHOP)).toThrow(
      expect.objectContaining({ code: 'HOST_NOT_ALLOWED', path: 'params.shop' }),
    );
  });

  it('refuses a missing or non-string value, and a placeholder with no pattern', () => {
    expect(() => resolveHostTemplate(TEMPLATE, {}, SHOP)).toThrow(expect.objectContaining({ code: 'HOST_NOT_ALLOWED' }));
    expect(() => resolveHostTemplate(TEMPLATE, { shop: 7 }, SHOP)).toThrow(expect.objectContaining({ code: 'HOST_NOT_ALLOWED' }));
    expect(() => resolveHostTemplate(TEMPLATE, { shop: 'acme' }, {})).toThrow(expect.objectContaining({ code: 'HOST_NOT_ALLOWED' }));
  });

  it('checks the host the URL parser produced: a number that parses as 127.0.0.1 is not a name', () => {
    const names = { host: /^[a-z0-9.-]+\.example\.com$|^[a-z]+$/ };
    for (const host of ['2130706433', '0x7f000001', '127.1'])
      expect(() => resolveHostTemplate('https://{host}', { host }, names), host).toThrow(
        expect.objectContaining({ code: 'HOST_NOT_ALLOWED' }),
      );
  });

  it('matches the whole host even when a pattern is not anchored', () => {
    const loose = { host: /myshopify\.com/ };
    expect(() => resolveHostTemplate('https://{host}', { host: 'myshopify.com.evil.com' }, loose)).toThrow(
      expect.objectContaining({ code: 'HOST_NOT_ALLOWED' }),
    );
    const whole = { host: /[a-z]+\.example\.com/g };
    expect(resolveHostTemplate('https://{host}', { host: 'a.example.com' }, whole)).toBe('https://a.example.com');
    expect(resolveHostTemplate('https://{host}', { host: 'b.example.com' }, whole)).toBe('https://b.example.com');
  });
});

describe('template declarations', () => {
  it('needs each placeholder in the host, declared in connectionParams, with a pattern', () => {
    expect(placeholdersOf('https://{shop}.x.com/{path}')).toEqual(['shop', 'path']);
    expect(templateProblem(TEMPLATE, SHOP, ['shop'])).toBeUndefined();
    expect(templateProblem(TEMPLATE, {}, ['shop'])).toMatch(/no host pattern/);
    expect(templateProblem(TEMPLATE, SHOP, [])).toMatch(/not one of connectionParams/);
    expect(templateProblem('https://x.com/{shop}', SHOP, ['shop'])).toMatch(/only appear in the host/);
    expect(templateProblem('{shop}', SHOP, ['shop'])).toMatch(/must start with/);
  });
});

describe('parseConnectionParams', () => {
  const shop = defineConnector({
    id: 'shop',
    name: 'Shop',
    version: '1.0.0',
    description: 'templated',
    auth: oauth2({ authorizationUrl: `${TEMPLATE}/authorize`, tokenUrl: `${TEMPLATE}/token`, scopes: [] }),
    connectionParams: z.object({ shop: z.string().min(1) }),
    hostPatterns: SHOP,
    baseUrls: [TEMPLATE],
    actions: {},
  });

  it('returns the parsed params, or INVALID_INPUT naming the field', () => {
    expect(parseConnectionParams(shop, { shop: 'acme' })).toEqual({ shop: 'acme' });
    expect(() => parseConnectionParams(shop, {})).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: 'params.shop' }));
    expect(() => parseConnectionParams(shop, { shop: 'evil.com#' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: 'params.shop' }),
    );
  });

  it('refuses params for a connector that takes none', () => {
    const plain = defineConnector({ ...shop, id: 'plain', connectionParams: undefined, baseUrls: ['https://a.example'], actions: {} });
    expect(parseConnectionParams(plain, undefined)).toEqual({});
    expect(() => parseConnectionParams(plain, { shop: 'x' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: 'params' }));
  });
});
