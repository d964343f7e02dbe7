import { defineConnector, oauth2 } from '@patchbay/sdk';
import { commentOnIssue } from './actions/comment-on-issue.ts';
import { createIssue } from './actions/create-issue.ts';
import { getRepository } from './actions/get-repository.ts';
import { listIssues } from './actions/list-issues.ts';
import { listRepositories } from './actions/list-repositories.ts';
import { githubError } from './github-errors.ts';
import { revokeGithubGrant } from './revoke.ts';
import { GITHUB_HEADERS } from './schemas.ts';
import { githubTokenResponse } from './token-response.ts';
import { issues, pullRequest, push } from './triggers/repository-events.ts';

/**
 * GitHub, as an OAuth app (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps):
 * the client secret goes in the token request's body, granted scopes come back comma-separated,
 * and an OAuth app's tokens do not expire (no refresh token). Disconnecting deletes the grant through
 * the app's own API with Basic auth (src/revoke.ts), which a plain revocation URL cannot express.
 * Every request pins REST API version 2022-11-28.
 */
export const github = defineConnector({
  id: 'github',
  name: 'GitHub',
  version: '0.1.0',
  description: 'Open, list and comment on issues, and list and read repositories on GitHub.',
  auth: oauth2({
    authorizationUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    scopes: ['repo'],
    pkce: true,
    clientAuth: 'body',
    parseTokenResponse: githubTokenResponse,
    refresh: { supported: false },
    revoke: revokeGithubGrant,
  }),
  baseUrls: ['https://api.github.com'],
  actions: { createIssue, listIssues, commentOnIssue, listRepositories, getRepository },
  triggers: { issues, pull_request: pullRequest, push },
  mapError: githubError,
  healthCheck: async (ctx) => {
    // https://docs.github.com/en/rest/users/users#get-the-authenticated-user
    await ctx.http.get('/user', { headers: { ...GITHUB_HEADERS } });
  },
});
export { signGithubDelivery } from './triggers/sign-delivery.ts';

export default github;
