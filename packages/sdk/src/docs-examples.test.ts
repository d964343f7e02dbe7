import { afterEach, describe, expect, it } from 'vitest';
import { documentedBlocks } from './__fixtures__/doc-blocks.ts';
import { acmeCrm, invoicePaid, pageChanges, slackErrors, teamMessage } from './__fixtures__/docs-examples.ts';
import { connectorFailure as failure } from './testing/expect-error.ts';
import { createTestHarness, type Harness } from './testing/harness.ts';
import { feedWebhook, testWebhookTrigger } from './testing/triggers.ts';
import { hmacSha256 } from './triggers/signatures.ts';

describe('docs/connector-authoring.md examples', () => {
  it('every marked block is in the type-checked examples file, as written', async () => {
    const { blocks, examples } = await documentedBlocks('docs-examples.ts');
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) expect(examples).toContain(block);
  });
});

describe('the documented connector runs', () => {
  let h: Harness<typeof acmeCrm>;
  const fresh = () => {
    h = createTestHarness(acmeCrm, { credentials: { apiKey: 'acme-key-000000000000000' } });
    return h;
  };
  afterEach(() => h.close());

  it('pages through contacts and reads typed credentials with their defaults', async () => {
    fresh()
      .on('GET', '/contacts?limit=100')
      .reply(200, { results: [{ id: 'c1', email: 'a@b.co' }], next_cursor: 'n2' });
    h.on('GET', '/contacts?limit=100&cursor=n2').reply(200, { results: [{ id: 'c2', email: 'c@d.co' }], next_cursor: null });
    expect(await h.run('listContacts', {})).toEqual({ emails: ['a@b.co', 'c@d.co'] });
    h.on('GET', '/account').reply(200, { id: 'acc_1' });
    expect(await h.run('getAccount', {})).toEqual({ id: 'acc_1', region: 'us' });
  });

  it('retries a create after a 502 with the same Idempotency-Key', async () => {
    fresh().on('POST', '/contacts').reply(502).reply(201, { id: 'c1', email: 'a@b.co' });
    await h.run('createContact', { email: 'a@b.co' }, { idempotencyKey: 'run:1' });
    expect(h.requests.map((r) => r.headers['idempotency-key'])).toEqual(['run:1', 'run:1']);
  });

  it('maps errors by its table', async () => {
    fresh()
      .on('POST', '/contacts')
      .reply(422, { error: { code: 'validation_failed', message: 'Email is taken by a deleted contact', field: 'email' } });
    expect(await failure(h.run('createContact', { email: 'a@b.co' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'email',
      providerCode: 'validation_failed',
      message: 'Acme refused: Email is taken by a deleted contact (email)',
    });
    const reset = String(Math.floor(Date.now() / 1000) + 120);
    h.on('GET', '/account').always(400, { error: { code: 'throttled' } }, { 'x-ratelimit-reset': reset });
    const limited = await failure(h.run('getAccount', {}));
    expect([limited.code, (limited.retryAfterMs ?? 0) > 100_000]).toEqual(['RATE_LIMITED', true]);
    expect(slackErrors({ status: 200, headers: {}, body: { ok: false, error: 'missing_scope' } })?.code).toBe('FORBIDDEN_SCOPE');
  });
});

const signAcme = (body: string, secret: string, now: Date) => {
  const t = String(Math.floor(now.getTime() / 1000));
  return { 'acme-timestamp': t, 'acme-signature': hmacSha256(secret, [`${t}.${body}`]) };
};
const paid = { id: 'ev_1', account: 'acc_1', invoice: { id: 'in_1', amount: 900 } };

testWebhookTrigger('docs invoicePaid', invoicePaid, { sign: signAcme, sample: paid, toleranceSeconds: 300 });

describe('the documented trigger runs', () => {
  it('turns a signed delivery into a typed event, and applies the config', () => {
    expect(feedWebhook(invoicePaid, { body: paid, secret: 'whsec_1', sign: signAcme })).toEqual({
      kind: 'events',
      events: [{ id: 'ev_1', type: 'invoice.paid', accountId: 'acc_1', payload: { invoiceId: 'in_1', amount: 900 } }],
    });
    expect(feedWebhook(invoicePaid, { body: paid, secret: 'whsec_1', sign: signAcme, config: { minAmount: 1000 } })).toEqual({
      kind: 'events',
      events: [],
    });
  });
});

describe('the documented app-level trigger runs', () => {
  it('names the account of a request and parses it', () => {
    const body = { id: 'm1', team: 'T1', text: 'hi' };
    expect(teamMessage.accountOf?.({ text: JSON.stringify(body), headers: {} })).toBe('T1');
    const sign = (text: string, secret: string) => ({ 'acme-signature': hmacSha256(secret, [text]) });
    expect(feedWebhook(teamMessage, { body, secret: 'app-secret', sign })).toMatchObject({ kind: 'events', events: [{ accountId: 'T1' }] });
  });
});

describe('the documented hub.challenge trigger runs', () => {
  it('declares the check and parses a signed delivery', () => {
    expect(pageChanges.hubChallenge).toBe(true);
    const sign = (text: string, secret: string) => ({ 'x-hub-signature-256': `sha256=${hmacSha256(secret, [text])}` });
    const body = { object: 'page', entry: [{ id: 'p1', time: 1 }] };
    expect(feedWebhook(pageChanges, { body, secret: 'app-secret', sign })).toMatchObject({ kind: 'events', events: [{ id: 'p1:1' }] });
  });
});
