/** Shared test fixtures: one authorized advertiser, chosen, and TikTok's success envelope. */
export const ADVERTISER = '7000000000000000001';
export const harnessOptions = {
  credentials: { accessToken: 'tt-ads-access-token-123' },
  connection: {
    metadata: { advertisers: [{ id: ADVERTISER, name: 'Acme Shoes' }] },
    account: { id: ADVERTISER, name: 'Acme Shoes' },
  },
};
export const ok = (data: unknown) => ({ code: 0, message: 'OK', request_id: '2026120202000001', data });
export const pageInfo = (page: number, totalPage: number, totalNumber: number, pageSize = 100) => ({
  page,
  page_size: pageSize,
  total_number: totalNumber,
  total_page: totalPage,
});
