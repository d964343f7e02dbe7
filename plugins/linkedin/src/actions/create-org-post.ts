import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { escapeLittleText } from '../little-text.ts';
import { chosenOrganization, defineLinkedInAction } from '../organization.ts';

const imageUrn = z.string().regex(/^urn:li:image:[A-Za-z0-9_-]+$/, 'an image URN from uploadImage');

/** Reference: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api#create-a-post */
export const createOrgPost = defineLinkedInAction({
  description: 'Publish a post as the chosen organization (text, with an optional image or article link)',
  scopes: ['w_organization_social'],
  input: z
    .object({
      commentary: z.string().min(1).max(3000).describe('Post text'),
      escapeText: z
        .boolean()
        .default(true)
        .describe(
          'Backslash-escape LinkedIn little-text markup characters so the text shows as typed; false to send mentions or hashtag markup',
        ),
      visibility: z.enum(['PUBLIC', 'LOGGED_IN']).default('PUBLIC'),
      image: z.object({ id: imageUrn, altText: z.string().max(4086).optional() }).optional(),
      article: z
        .object({
          source: z.url().describe('Link the article card points to'),
          title: z.string().min(1).max(400),
          description: z.string().max(4086).optional(),
          thumbnail: imageUrn.optional(),
        })
        .optional(),
    })
    .refine((v) => !(v.image && v.article), { message: 'a post carries an image or an article, not both', path: ['article'] }),
  output: z.object({ id: z.string().describe('Post URN (urn:li:share:… or urn:li:ugcPost:…)') }),
  run: async (input, ctx) => {
    const content = input.image
      ? { media: { id: input.image.id, ...(input.image.altText ? { altText: input.image.altText } : {}) } }
      : input.article
        ? { article: input.article }
        : undefined;
    const res = await ctx.http.post('/rest/posts', {
      json: {
        author: chosenOrganization(ctx),
        commentary: input.escapeText ? escapeLittleText(input.commentary) : input.commentary,
        visibility: input.visibility,
        distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
        lifecycleState: 'PUBLISHED',
        isReshareDisabledByAuthor: false,
        ...(content ? { content } : {}),
      },
    });
    // 201 with an empty body: the new post's URN is only in this header.
    const id = res.headers['x-restli-id'];
    if (!id) throw new ConnectorError('UPSTREAM_CONTRACT', 'LinkedIn created the post but sent no x-restli-id header');
    return { id };
  },
});
