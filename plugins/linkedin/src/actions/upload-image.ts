import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { chosenOrganization, defineLinkedInAction } from '../organization.ts';

const initialized = z.object({
  value: z.object({ uploadUrl: z.url(), image: z.string(), uploadUrlExpiresAt: z.number().optional() }),
});

/** Upload hosts LinkedIn hands out; anything else is refused before a byte is sent. */
const UPLOAD_HOSTS = new Set(['www.linkedin.com', 'api.linkedin.com']);

/** Reference: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api#upload-an-image */
export const uploadImage = defineLinkedInAction({
  description: 'Upload an image owned by the chosen organization; use the returned URN in createOrgPost',
  scopes: ['w_organization_social'],
  input: z.object({
    image: z.base64().max(16_000_000).describe('Image bytes (JPG, PNG or GIF), base64; up to about 12 MB'),
    contentType: z.enum(['image/jpeg', 'image/png', 'image/gif']).default('image/jpeg'),
  }),
  output: z.object({ id: z.string().describe('Image URN (urn:li:image:…)') }),
  timeoutMs: 120_000,
  run: async (input, ctx) => {
    const init = await ctx.http.post('/rest/images', {
      query: { action: 'initializeUpload' },
      json: { initializeUploadRequest: { owner: chosenOrganization(ctx) } },
      schema: initialized,
    });
    const { uploadUrl, image } = init.data.value;
    if (!UPLOAD_HOSTS.has(new URL(uploadUrl).host)) {
      throw new ConnectorError('UPSTREAM_CONTRACT', 'LinkedIn returned an upload URL on an unexpected host');
    }
    const bytes = Buffer.from(input.image, 'base64');
    // A PUT of the same bytes to the same upload URL stores the same image, so a retry is safe.
    await ctx.http.put(uploadUrl, {
      body: bytes,
      headers: { 'content-type': input.contentType },
      timeoutMs: 90_000,
    });
    return { id: image };
  },
});
