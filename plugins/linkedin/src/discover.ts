/**
 * @module The organizations the member administers, for the account choice after connecting.
 * References: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role
 * and https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api
 */
import type { DiscoveredAccount, HttpClient } from '@patchbay/sdk';
import { z } from 'zod';
import { FINDER, ORGANIZATION_URN } from './organization.ts';

const acls = z.object({
  elements: z.array(z.object({ organization: z.string(), role: z.string(), state: z.string().optional() })),
});
const organizations = z.object({
  results: z.record(z.string(), z.object({ localizedName: z.string().optional(), vanityName: z.string().optional() })),
});

/** Roles that may post, comment and read statistics on the page's behalf. */
const ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR']);

export async function discoverOrganizations(http: HttpClient): Promise<DiscoveredAccount[]> {
  const res = await http.get('/rest/organizationAcls', {
    // One page of up to 100 roles; a member with more is offered the first 100 (paging is left for later).
    query: { q: 'roleAssignee', state: 'APPROVED', count: 100 },
    headers: FINDER,
    schema: acls,
  });
  const roles = new Map<string, string[]>();
  for (const acl of res.data.elements) {
    const id = ORGANIZATION_URN.exec(acl.organization)?.[1];
    if (!id || !ROLES.has(acl.role)) continue;
    roles.set(id, [...(roles.get(id) ?? []), acl.role]);
  }
  if (roles.size === 0) return [];
  // Batch lookup for the names; Rest.li's List(...) must reach LinkedIn unencoded, ids are digits.
  const names = await http.get(`/rest/organizations?ids=List(${[...roles.keys()].join(',')})`, { schema: organizations });
  return [...roles].map(([id, held]) => {
    const org = names.data.results[id];
    return {
      id,
      name: org?.localizedName ?? org?.vanityName ?? `urn:li:organization:${id}`,
      metadata: { urn: `urn:li:organization:${id}`, roles: held, ...(org?.vanityName ? { vanityName: org.vanityName } : {}) },
    };
  });
}
