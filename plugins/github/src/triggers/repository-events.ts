/**
 * @module GitHub repository webhooks (https://docs.github.com/en/webhooks): `subscribe` creates
 * a repository hook for one event pointing at the subscription's URL with its secret, and
 * `unsubscribe` deletes it. Each delivery carries `X-Hub-Signature-256: sha256=<hex>`, an
 * HMAC-SHA256 of the raw body under that secret, `X-GitHub-Event` and a unique
 * `X-GitHub-Delivery` id (the same on redeliveries). GitHub signs no timestamp, so there is no
 * replay window: the delivery id de-duplicates.
 */
import { ConnectorError, defineTrigger, verifyHmacSha256 } from '@patchbay/sdk';
import { z } from 'zod';
import { GITHUB_HEADERS, owner, repo, repoPath } from '../schemas.ts';

const repositoryConfig = z.object({ owner, repo });
const repository = z.looseObject({ id: z.number(), full_name: z.string() });

const hookCreated = z.object({ id: z.number() });

function repositoryTrigger<const E extends z.ZodType>(name: 'issues' | 'pull_request' | 'push', description: string, event: E) {
  return defineTrigger({
    kind: 'webhook',
    description,
    event,
    config: repositoryConfig,
    verify: ({ rawBody, headers, secrets }) =>
      verifyHmacSha256({ secrets, parts: [rawBody], candidates: [headers['x-hub-signature-256']?.replace(/^sha256=/, '')] }),
    parse: ({ text, headers }) => {
      // GitHub pings a new hook with a `ping` event; only the subscribed event is stored.
      if (headers['x-github-event'] !== name) return [];
      const delivery = headers['x-github-delivery'];
      if (!delivery) throw new ConnectorError('INVALID_INPUT', 'The delivery has no X-GitHub-Delivery id');
      // Checked against the event schema by the receiver before anything is stored.
      const body = JSON.parse(text) as z.input<E>;
      const repositoryId = (body as { repository?: { id?: unknown } }).repository?.id;
      const accountId = typeof repositoryId === 'number' ? String(repositoryId) : undefined;
      return [{ id: delivery, type: name, accountId, payload: body }];
    },
    subscribe: async (ctx) => {
      // https://docs.github.com/en/rest/repos/webhooks#create-a-repository-webhook
      const created = await ctx.http.post(`${repoPath(ctx.config)}/hooks`, {
        headers: { ...GITHUB_HEADERS },
        json: {
          name: 'web',
          active: true,
          events: [name],
          config: { url: ctx.callbackUrl, content_type: 'json', secret: ctx.secret, insecure_ssl: '0' },
        },
        schema: hookCreated,
      });
      return { state: { hookId: created.data.id } };
    },
    unsubscribe: async (ctx) => {
      // https://docs.github.com/en/rest/repos/webhooks#delete-a-repository-webhook
      const hookId = ctx.state.hookId;
      if (typeof hookId !== 'number') return;
      try {
        await ctx.http.delete(`${repoPath(ctx.config)}/hooks/${hookId}`, { headers: { ...GITHUB_HEADERS } });
      } catch (error) {
        // Already deleted at GitHub (by hand, or with the repository): nothing left to undo.
        if (!(error instanceof ConnectorError && error.code === 'NOT_FOUND')) throw error;
      }
    },
  });
}

export const issues = repositoryTrigger(
  'issues',
  'An issue was opened, edited, closed, labeled, ... in a repository',
  z.looseObject({ action: z.string(), issue: z.looseObject({ number: z.number(), title: z.string() }), repository }),
);

export const pullRequest = repositoryTrigger(
  'pull_request',
  'A pull request was opened, synchronized, closed, ... in a repository',
  z.looseObject({ action: z.string(), number: z.number(), pull_request: z.looseObject({ title: z.string() }), repository }),
);

export const push = repositoryTrigger(
  'push',
  'Commits were pushed to a branch or tag of a repository',
  z.looseObject({ ref: z.string(), before: z.string(), after: z.string(), commits: z.array(z.unknown()), repository }),
);
