import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { GITHUB_HEADERS, owner, repo, repoPath } from '../schemas.ts';

/** Reference: https://docs.github.com/en/rest/issues/comments#create-an-issue-comment */
export const commentOnIssue = defineAction({
  description: 'Comment on an issue or pull request',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    issueNumber: z.number().int().positive(),
    body: z.string().min(1).max(65_536),
  }),
  output: z.object({ id: z.number(), htmlUrl: z.string(), author: z.string().nullable(), createdAt: z.string() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post(`${repoPath(input)}/issues/${input.issueNumber}/comments`, {
      json: { body: input.body },
      headers: { ...GITHUB_HEADERS },
      schema: z.object({
        id: z.number(),
        html_url: z.string(),
        user: z.object({ login: z.string() }).nullable().optional(),
        created_at: z.string(),
      }),
    });
    const c = res.data;
    return { id: c.id, htmlUrl: c.html_url, author: c.user?.login ?? null, createdAt: c.created_at };
  },
});
