import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { nextPageOf } from '../link-header.ts';
import { GITHUB_HEADERS, page, perPage, repository, repositoryOutput, toRepository } from '../schemas.ts';

/**
 * Reference: https://docs.github.com/en/rest/repos/repos#list-repositories-for-the-authenticated-user
 * (one page; `nextPage` comes from the Link header's rel="next", null on the last page).
 */
export const listRepositories = defineAction({
  description: 'List one page of the repositories the connected user can access',
  scopes: ['repo'],
  idempotent: true,
  input: z.object({
    visibility: z.enum(['all', 'public', 'private']).default('all'),
    affiliation: z
      .array(z.enum(['owner', 'collaborator', 'organization_member']))
      .min(1)
      .default(['owner', 'collaborator', 'organization_member']),
    sort: z.enum(['created', 'updated', 'pushed', 'full_name']).default('full_name'),
    perPage,
    page,
  }),
  output: z.object({ repositories: z.array(repositoryOutput), nextPage: z.number().int().nullable() }),
  run: async (input, ctx) => {
    const res = await ctx.http.get('/user/repos', {
      query: {
        visibility: input.visibility,
        affiliation: input.affiliation.join(','),
        sort: input.sort,
        per_page: input.perPage,
        page: input.page,
      },
      headers: { ...GITHUB_HEADERS },
      schema: z.array(repository),
    });
    return { repositories: res.data.map(toRepository), nextPage: nextPageOf(res.headers) };
  },
});
