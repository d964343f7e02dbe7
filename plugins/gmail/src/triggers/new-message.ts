/**
 * @module Gmail's `newMessage` polling trigger over the history API
 * (https://developers.google.com/gmail/api/guides/sync): the cursor is a mailbox `historyId`.
 * The first poll only takes the current `historyId` (what is already there is not new). Later
 * polls list `messageAdded` history since the cursor, page by page, and move the cursor to the
 * `historyId` Gmail answers with. Gmail keeps history for about a week: a cursor that old gets
 * 404, and the poll resyncs, reporting the label's most recent messages (already-stored ones are
 * de-duplicated by message id) and starting again from the current `historyId`.
 */
import { ConnectorError, defineTrigger, type PollContext } from '@patchbay/sdk';
import { z } from 'zod';

const MAX_PAGES = 20;
const RESYNC_MESSAGES = 100;

const profile = z.object({ historyId: z.string() });
const messageRef = z.object({ id: z.string(), threadId: z.string(), labelIds: z.array(z.string()).optional() });
const historyPage = z.object({
  historyId: z.string(),
  nextPageToken: z.string().optional(),
  history: z.array(z.object({ messagesAdded: z.array(z.object({ message: messageRef })).optional() })).optional(),
});
const messageList = z.object({ messages: z.array(messageRef).optional() });

type Config = { labelId: string };

const currentHistoryId = async (ctx: PollContext<Config>) =>
  // https://developers.google.com/gmail/api/reference/rest/v1/users/getProfile
  (await ctx.http.get('/gmail/v1/users/me/profile', { schema: profile })).data.historyId;

const asEvent = (message: z.output<typeof messageRef>) => ({
  id: message.id,
  type: 'message.added',
  payload: { id: message.id, threadId: message.threadId, labelIds: message.labelIds ?? [] },
});

export const newMessage = defineTrigger({
  kind: 'polling',
  description: 'A message arrived under a label (INBOX by default)',
  event: z.object({ id: z.string(), threadId: z.string(), labelIds: z.array(z.string()) }),
  config: z.object({
    labelId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, 'a Gmail label id such as INBOX or Label_12')
      .default('INBOX')
      .describe('Only messages added under this label'),
  }),
  intervalMs: 60_000,
  poll: async (ctx, cursor) => {
    if (cursor === null) return { events: [], cursor: await currentHistoryId(ctx) };
    const events: ReturnType<typeof asEvent>[] = [];
    let next = cursor;
    let pageToken: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list
        const res = await ctx.http.get('/gmail/v1/users/me/history', {
          query: { startHistoryId: cursor, historyTypes: 'messageAdded', labelId: ctx.config.labelId, maxResults: 500, pageToken },
          schema: historyPage,
        });
        for (const entry of res.data.history ?? []) for (const added of entry.messagesAdded ?? []) events.push(asEvent(added.message));
        next = res.data.historyId;
        pageToken = res.data.nextPageToken;
        if (!pageToken) break;
      }
    } catch (error) {
      if (!(error instanceof ConnectorError && error.code === 'NOT_FOUND')) throw error;
      // The cursor expired: resync from the label's recent messages and the current historyId.
      const fresh = await currentHistoryId(ctx);
      const recent = await ctx.http.get('/gmail/v1/users/me/messages', {
        query: { labelIds: ctx.config.labelId, maxResults: RESYNC_MESSAGES },
        schema: messageList,
      });
      return { events: (recent.data.messages ?? []).map(asEvent), cursor: fresh };
    }
    // A history page can list a message twice (added, then labelled again): once is enough.
    const unique = [...new Map(events.map((event) => [event.id, event])).values()];
    return { events: unique, cursor: next };
  },
});
