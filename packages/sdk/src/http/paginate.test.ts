import { afterEach, describe, expect, it } from 'vitest';
import { acme } from '../__fixtures__/acme.ts';
import { connectorFailure as failure } from '../testing/expect-error.ts';
import { createTestHarness, type Harness } from '../testing/harness.ts';

let h: Harness<typeof acme>;
afterEach(() => h.close());
const fresh = () => {
  h = createTestHarness(acme, { credentials: { accessToken: 'at-paginate-0001' } });
  return h;
};

describe('ctx.http.paginate', () => {
  it('follows next until the last page and yields every item', async () => {
    fresh()
      .on('GET', '/tickets')
      .reply(200, { items: [{ id: 't1', title: 'a' }], next: 'c2' });
    h.on('GET', '/tickets?cursor=c2').reply(200, { items: [{ id: 't2', title: 'b' }] });
    expect(await h.run('listTickets', {})).toEqual({
      tickets: [
        { id: 't1', title: 'a' },
        { id: 't2', title: 'b' },
      ],
    });
  });

  it('validates later pages with the first request’s schema when next does not name one (the page type says so)', async () => {
    fresh()
      .on('GET', '/tickets')
      .reply(200, { items: [{ id: 't1', title: 'a' }], next: 'c2' });
    h.on('GET', '/tickets?cursor=c2').reply(200, { items: [{ id: 2 }] });
    const error = await failure(h.run('listTickets', {}));
    expect([error.code, error.path]).toEqual(['UPSTREAM_CONTRACT', 'items.0.id']);
  });
});
