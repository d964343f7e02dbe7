import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { GITHUB_HEADERS, issue, issueOutput, owner, repo, repoPath, toIssue } from '../schemas.ts';

/** Reference: https://docs.github.com/en/rest/issues/issues#create-an-issue */
export const createIssue = defineAction({
  description: 'Open an issue in a repository',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    title: z.string().min(1).max(256),
    body: z.string().max(65_536).optional(),
    labels: z.array(z.string().min(1)).optional().describe('Label names; labels that do not exist yet are created'),
    assignees: z.array(z.string().min(1)).max(10).optional().describe('Logins of the people to assign'),
  }),
  output: issueOutput,
  run: async (input, ctx) => {
    const res = await ctx.http.post(`${repoPath(input)}/issues`, {
      json: { title: input.title, body: input.body, labels: input.labels, assignees: input.assignees },
      headers: { ...GITHUB_HEADERS },
      schema: issue,
    });
    return toIssue(res.data);
  },
});
