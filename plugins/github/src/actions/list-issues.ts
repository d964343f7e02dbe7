import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { nextPageOf } from '../link-header.ts';
import { GITHUB_HEADERS, issue, issueOutput, owner, page, perPage, repo, repoPath, toIssue } from '../schemas.ts';

/**
 * Reference: https://docs.github.com/en/rest/issues/issues#list-repository-issues (one page;
 * `nextPage` comes from the Link header's rel="next", null on the last page).
 */
export const listIssues = defineAction({
  description: 'List one page of issues in a repository (pull requests included, flagged)',
  scopes: ['repo'],
  idempotent: true,
  input: z.object({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    labels: z.array(z.string().min(1)).optional().describe('Only issues with all of these labels'),
    perPage,
    page,
  }),
  output: z.object({ issues: z.array(issueOutput), nextPage: z.number().int().nullable() }),
  run: async (input, ctx) => {
    const res = await ctx.http.get(`${repoPath(input)}/issues`, {
      query: {
        state: input.state,
        labels: input.labels?.length ? input.labels.join(',') : undefined,
        per_page: input.perPage,
        page: input.page,
      },
      headers: { ...GITHUB_HEADERS },
      schema: z.array(issue),
    });
    return { issues: res.data.map(toIssue), nextPage: nextPageOf(res.headers) };
  },
});
