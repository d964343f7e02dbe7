/** The root deployment types one call per LinkedIn and TikTok Ads action, and rejects wrong input. */
import { createPatchbayClient } from '@patchbay/client';
import type linkedin from '@patchbay/connector-linkedin';
import type tiktokAds from '@patchbay/connector-tiktok-ads';
import type { inferActionOutput } from '@patchbay/sdk';
import { expectTypeOf } from 'vitest';
import type { AppRouter } from '../../../patchbay.config.ts';

const client = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
const POST = 'urn:li:share:6844785523593134080';

export async function linkedinActions(connectionId: string) {
  const post = await client.actions.linkedin.createOrgPost.mutate({ connectionId, input: { commentary: 'Hello' } });
  expectTypeOf(post).toEqualTypeOf<inferActionOutput<typeof linkedin, 'createOrgPost'>>();
  expectTypeOf(post.id).toBeString();
  await client.actions.linkedin.uploadImage.mutate({ connectionId, input: { image: 'AAAA', contentType: 'image/png' } });
  const posts = await client.actions.linkedin.listOrgPosts.mutate({ connectionId, input: { count: 20 } });
  expectTypeOf(posts.nextStart).toEqualTypeOf<number | null>();
  await client.actions.linkedin.getOrgStatistics.mutate({ connectionId, input: {} });
  await client.actions.linkedin.commentOnPost.mutate({ connectionId, input: { post: POST, text: 'Thanks' } });
  await client.actions.linkedin.deletePost.mutate({ connectionId, input: { post: POST } });
  // @ts-expect-error visibility is PUBLIC or LOGGED_IN
  await client.actions.linkedin.createOrgPost.mutate({ connectionId, input: { commentary: 'x', visibility: 'FRIENDS' } });
}

export async function tiktokAdsActions(connectionId: string) {
  const advertisers = await client.actions['tiktok-ads'].listAdvertisers.mutate({ connectionId, input: {} });
  expectTypeOf(advertisers).toEqualTypeOf<inferActionOutput<typeof tiktokAds, 'listAdvertisers'>>();
  await client.actions['tiktok-ads'].listCampaigns.mutate({ connectionId, input: { page: 2, status: 'STATUS_DELIVERY_OK' } });
  await client.actions['tiktok-ads'].updateCampaignStatus.mutate({ connectionId, input: { campaignIds: ['1'], status: 'DISABLE' } });
  const report = await client.actions['tiktok-ads'].getReport.mutate({
    connectionId,
    input: { startDate: '2026-11-01', endDate: '2026-11-07', pages: 2 },
  });
  expectTypeOf(report.pageInfo.nextPage).toEqualTypeOf<number | null>();
  // @ts-expect-error status is ENABLE or DISABLE
  await client.actions['tiktok-ads'].updateCampaignStatus.mutate({ connectionId, input: { campaignIds: ['1'], status: 'PAUSE' } });
}
