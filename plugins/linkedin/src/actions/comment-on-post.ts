import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { escapeLittleText } from '../little-text.ts';
import { chosenOrganization, defineLinkedInAction, encodeUrn, postUrn } from '../organization.ts';

const created = z.object({ id: z.string().optional(), $URN: z.string().optional() }).loose();

/** Reference: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api#create-a-comment */
export const commentOnPost = defineLinkedInAction({
  description: 'Comment on a post as the chosen organization',
  scopes: ['w_organization_social'],
  input: z.object({
    post: postUrn,
    text: z.string().min(1).max(1250),
    escapeText: z.boolean().default(true).describe('Backslash-escape little-text markup characters so the text shows as typed'),
  }),
  output: z.object({ id: z.string().describe('Comment URN or id') }),
  run: async (input, ctx) => {
    const res = await ctx.http.post(`/rest/socialActions/${encodeUrn(input.post)}/comments`, {
      json: {
        actor: chosenOrganization(ctx),
        object: input.post,
        message: { text: input.escapeText ? escapeLittleText(input.text) : input.text },
      },
      schema: created.optional(),
    });
    const id = res.headers['x-restli-id'] ?? res.data?.$URN ?? res.data?.id;
    if (!id) throw new ConnectorError('UPSTREAM_CONTRACT', 'LinkedIn created the comment but named no id');
    return { id };
  },
});
