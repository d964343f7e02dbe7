import { createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { googleAdsParams } from './auth.ts';
import { googleAds } from './index.ts';

let open: Harness<typeof googleAds> | undefined;
const harness = (options: Parameters<typeof createTestHarness>[1]) => {
  open = createTestHarness(googleAds, options);
  return open;
};
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe('choosing a Google Ads customer', () => {
  it('without a manager: the directly accessible customers, ids formatted as in the Ads UI', async () => {
    const h = harness({ credentials: { accessToken: 'ya29.t' } });
    h.on('GET', '/v25/customers:listAccessibleCustomers').reply(200, { resourceNames: ['customers/1234567890', 'customers/5550001111'] });
    expect(await h.discover()).toEqual([
      { id: '1234567890', name: '123-456-7890', metadata: { loginCustomerId: null } },
      { id: '5550001111', name: '555-000-1111', metadata: { loginCustomerId: null } },
    ]);
  });

  it('with a manager (dashes stripped): its enabled client accounts by name, each reached through it', async () => {
    const params = googleAdsParams.parse({ loginCustomerId: '987-654-3210' });
    expect(params).toEqual({ loginCustomerId: '9876543210' });
    const h = harness({ credentials: { accessToken: 'ya29.t' }, connection: { params } });
    h.on('POST', '/v25/customers/9876543210/googleAds:search').reply(200, {
      results: [
        {
          customerClient: {
            resourceName: 'customers/9876543210/customerClients/1234567890',
            id: '1234567890',
            descriptiveName: 'Bakery',
            manager: false,
          },
        },
        { customerClient: { resourceName: 'customers/9876543210/customerClients/5550001111', id: '5550001111', manager: false } },
      ],
    });
    expect(await h.discover()).toEqual([
      { id: '1234567890', name: 'Bakery (123-456-7890)', metadata: { loginCustomerId: '9876543210' } },
      { id: '5550001111', name: '555-000-1111', metadata: { loginCustomerId: '9876543210' } },
    ]);
    const req = h.requests[0];
    expect(req?.headers['login-customer-id']).toBe('9876543210');
    expect(req?.json()).toMatchObject({ query: expect.stringContaining('FROM customer_client') });
  });

  it('a customer named in the params is the only one offered, so it is chosen at connect time', async () => {
    const params = googleAdsParams.parse({ customerId: '555-000-1111' });
    const h = harness({ credentials: { accessToken: 'ya29.t' }, connection: { params } });
    h.on('GET', '/v25/customers:listAccessibleCustomers').reply(200, { resourceNames: ['customers/1234567890', 'customers/5550001111'] });
    expect(await h.discover()).toEqual([{ id: '5550001111', name: '555-000-1111', metadata: { loginCustomerId: null } }]);
  });

  it('refuses a manager id that is not 10 digits', () => {
    expect(googleAdsParams.safeParse({ loginCustomerId: '123-456' }).success).toBe(false);
  });
});
