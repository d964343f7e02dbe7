import { defineConnector, oauth2 } from '@patchbay/sdk';
import { addReaction } from './actions/add-reaction.ts';
import { listChannels } from './actions/list-channels.ts';
import { lookupUserByEmail } from './actions/lookup-user-by-email.ts';
import { postMessage } from './actions/post-message.ts';
import { updateMessage } from './actions/update-message.ts';
import { revokeSlackToken } from './revoke.ts';
import { slackError } from './slack-errors.ts';
import { classifySlackTokenError, slackTokenResponse } from './token-response.ts';
import { event } from './triggers/event.ts';

/**
 * Slack, as a bot: OAuth v2 (https://docs.slack.dev/authentication/installing-with-oauth),
 * token endpoint oauth.v2.access with Basic client authentication, comma-separated scopes.
 * Bot tokens do not expire unless the app turns on token rotation, then they last 12 hours.
 */
export const slack = defineConnector({
  id: 'slack',
  name: 'Slack',
  version: '0.1.0',
  description: 'Post and update messages, list channels, react, and look up users in a Slack workspace.',
  auth: oauth2({
    authorizationUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    scopes: ['chat:write', 'channels:read', 'reactions:write', 'users:read', 'users:read.email'],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'basic',
    parseTokenResponse: slackTokenResponse,
    refresh: { supported: true, defaultExpiresInSeconds: undefined },
    classifyTokenError: classifySlackTokenError,
    revoke: revokeSlackToken,
  }),
  baseUrls: ['https://slack.com/api'],
  actions: { postMessage, updateMessage, listChannels, addReaction, lookupUserByEmail },
  triggers: { event },
  mapError: slackError,
  healthCheck: async (ctx) => {
    // https://docs.slack.dev/reference/methods/auth.test
    await ctx.http.post('/auth.test');
  },
});

export default slack;
export { signSlackRequest } from './triggers/sign-event.ts';
