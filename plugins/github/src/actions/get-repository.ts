import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { GITHUB_HEADERS, owner, repo, repoPath, repository, repositoryOutput, toRepository } from '../schemas.ts';

/** Reference: https://docs.github.com/en/rest/repos/repos#get-a-repository */
export const getRepository = defineAction({
  description: 'Get one repository',
  scopes: ['repo'],
  idempotent: true,
  input: z.object({ owner, repo }),
  output: repositoryOutput,
  run: async (input, ctx) => {
    const res = await ctx.http.get(repoPath(input), { headers: { ...GITHUB_HEADERS }, schema: repository });
    return toRepository(res.data);
  },
});
