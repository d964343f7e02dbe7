/**
 * This deployment's configuration: the installed connectors. `pnpm start` reads it (or the
 * file PATCHBAY_CONFIG names). Clients import the router type from here, so
 * `client.actions.slack.postMessage.mutate(...)` is typed with no code generation.
 */
import type { AppRouterFor } from '@patchbay/api';
import discord from '@patchbay/connector-discord';
import facebookPages from '@patchbay/connector-facebook-pages';
import github from '@patchbay/connector-github';
import gmail from '@patchbay/connector-gmail';
import googleAds from '@patchbay/connector-google-ads';
import instagram from '@patchbay/connector-instagram';
import linkedin from '@patchbay/connector-linkedin';
import reddit from '@patchbay/connector-reddit';
import shopify from '@patchbay/connector-shopify';
import slack from '@patchbay/connector-slack';
import smtp from '@patchbay/connector-smtp';
import stripe from '@patchbay/connector-stripe';
import tiktok from '@patchbay/connector-tiktok';
import tiktokAds from '@patchbay/connector-tiktok-ads';
import twilioSms from '@patchbay/connector-twilio-sms';
import whatsapp from '@patchbay/connector-whatsapp';
import x from '@patchbay/connector-x';
import youtube from '@patchbay/connector-youtube';
import { defineConfig } from '@patchbay/engine';

const config = defineConfig({
  connectors: [
    gmail,
    slack,
    github,
    stripe,
    discord,
    twilioSms,
    smtp,
    linkedin,
    tiktokAds,
    googleAds,
    whatsapp,
    facebookPages,
    instagram,
    shopify,
    x,
    reddit,
    youtube,
    tiktok,
  ],
  // Operator-wide OAuth apps, used by tenants that did not set their own with oauthApps.set:
  // oauthApps: { slack: { clientId: process.env.SLACK_CLIENT_ID ?? '', clientSecret: process.env.SLACK_CLIENT_SECRET ?? '' } },
});

export default config;
export type AppRouter = AppRouterFor<typeof config.connectors>;
