/** The root deployment gives clients typed Google Ads and WhatsApp actions, and rejects wrong inputs. */
import { createPatchbayClient } from '@patchbay/client';
import type googleAds from '@patchbay/connector-google-ads';
import type whatsapp from '@patchbay/connector-whatsapp';
import type { inferActionInput, inferActionOutput } from '@patchbay/sdk';
import { expectTypeOf } from 'vitest';
import type { AppRouter } from '../../../patchbay.config.ts';

const client = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
type Search = (typeof client.actions)['google-ads']['search']['mutate'];

expectTypeOf<Parameters<Search>[0]['input']>().toEqualTypeOf<inferActionInput<typeof googleAds, 'search'>>();
expectTypeOf<Awaited<ReturnType<Search>>>().toEqualTypeOf<inferActionOutput<typeof googleAds, 'search'>>();
expectTypeOf<Awaited<ReturnType<typeof client.actions.whatsapp.sendText.mutate>>>().toEqualTypeOf<
  inferActionOutput<typeof whatsapp, 'sendText'>
>();

export async function googleAdsActions(connectionId: string) {
  const ads = client.actions['google-ads'];
  const report = await ads.search.mutate({ connectionId, input: { query: 'SELECT campaign.id FROM campaign' } });
  expectTypeOf(report.nextPageToken).toEqualTypeOf<string | null>();
  await ads.listAccessibleCustomers.mutate({ connectionId, input: {} });
  await ads.mutateCampaignStatus.mutate({ connectionId, input: { campaignId: '111', status: 'PAUSED' } });
  await ads.updateCampaignBudget.mutate({ connectionId, input: { budgetId: 777, amountMicros: 25_000_000 } });
  const upload = await ads.uploadClickConversions.mutate({
    connectionId,
    input: { conversions: [{ gclid: 'g', conversionActionId: '42', conversionDateTime: '2026-11-30 12:00:00+00:00' }] },
  });
  expectTypeOf(upload.rows[0]?.errors).toEqualTypeOf<
    { code: string; kind: string; message: string | null; path: string | null }[] | undefined
  >();
  // @ts-expect-error status is ENABLED or PAUSED
  await ads.mutateCampaignStatus.mutate({ connectionId, input: { campaignId: '111', status: 'REMOVED' } });
}

export async function whatsappActions(connectionId: string) {
  const wa = client.actions.whatsapp;
  await wa.sendTemplate.mutate({ connectionId, input: { to: '+16505551234', name: 'hello_world', languageCode: 'en_US' } });
  await wa.sendText.mutate({ connectionId, input: { to: '+16505551234', body: 'hi' } });
  await wa.sendMedia.mutate({ connectionId, input: { to: '+16505551234', kind: 'image', link: 'https://cdn.example.com/a.png' } });
  await wa.listTemplates.mutate({ connectionId, input: { status: 'APPROVED' } });
  await wa.createTemplate.mutate({
    connectionId,
    input: { name: 'welcome', languageCode: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi' }] },
  });
  await wa.markRead.mutate({ connectionId, input: { messageId: 'wamid.X' } });
  // @ts-expect-error sendText takes body, not text
  await wa.sendText.mutate({ connectionId, input: { to: '+16505551234', text: 'hi' } });
}
