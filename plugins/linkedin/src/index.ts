import { defineConnector } from '@patchbay/sdk';
import { commentOnPost } from './actions/comment-on-post.ts';
import { createOrgPost } from './actions/create-org-post.ts';
import { deletePost } from './actions/delete-post.ts';
import { getOrgStatistics } from './actions/get-org-statistics.ts';
import { listOrgPosts } from './actions/list-org-posts.ts';
import { uploadImage } from './actions/upload-image.ts';
import { discoverOrganizations } from './discover.ts';
import { linkedinAuth } from './linkedin-auth.ts';
import { linkedinError } from './linkedin-errors.ts';

/**
 * LinkedIn organization pages through the Community Management API (https://api.linkedin.com/rest,
 * one pinned LinkedIn-Version). The grant is a member's; the page it acts for is chosen after
 * connecting from the organizations the member administers.
 */
export const linkedin = defineConnector({
  id: 'linkedin',
  name: 'LinkedIn',
  version: '0.1.0',
  description: 'Post, upload images, comment, list posts and read statistics for a LinkedIn organization page.',
  auth: linkedinAuth,
  // www.linkedin.com serves image upload URLs.
  baseUrls: ['https://api.linkedin.com', 'https://www.linkedin.com'],
  actions: { createOrgPost, uploadImage, listOrgPosts, getOrgStatistics, commentOnPost, deletePost },
  mapError: linkedinError,
  discover: (ctx) => discoverOrganizations(ctx.http),
  healthCheck: async (ctx) => {
    // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role
    await ctx.http.get('/rest/organizationAcls', { query: { q: 'roleAssignee', count: 1 }, headers: { 'x-restli-method': 'FINDER' } });
  },
});
export { LINKEDIN_VERSION } from './linkedin-auth.ts';
export { escapeLittleText } from './little-text.ts';

export default linkedin;
