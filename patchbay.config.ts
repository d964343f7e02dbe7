/**
 * This deployment's configuration: the installed connectors. `pnpm start` reads it (or the
 * file PATCHBAY_CONFIG names). Clients import the router type from here, so
 * `client.actions.slack.postMessage.mutate(...)` is typed with no code generation.
 */
import type { AppRouterFor } from '@patchbay/api';
import discord from '@patchbay/connector-discord';
import github from '@patchbay/connector-github';
import gmail from '@patchbay/connector-gmail';
import slack from '@patchbay/connector-slack';
import smtp from '@patchbay/connector-smtp';
import stripe from '@patchbay/connector-stripe';
import tiktok from '@patchbay/connector-tiktok';
import twilioSms from '@patchbay/connector-twilio-sms';
import { defineConfig } from '@patchbay/engine';

const config = defineConfig({
  connectors: [gmail, slack, github, stripe, discord, twilioSms, smtp, tiktok],
  // Operator-wide OAuth apps, used by tenants that did not set their own with oauthApps.set:
  // oauthApps: { slack: { clientId: process.env.SLACK_CLIENT_ID ?? '', clientSecret: process.env.SLACK_CLIENT_SECRET ?? '' } },
});

export default config;
export type AppRouter = AppRouterFor<typeof config.connectors>;
