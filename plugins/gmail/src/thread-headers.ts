/**
 * @module Replies that thread for every recipient. Gmail's threads guide
 * (https://developers.google.com/workspace/gmail/api/guides/threads): besides `threadId`, the
 * `In-Reply-To` and `References` headers must follow RFC 2822 and the subjects must match; with
 * `threadId` alone the reply joins the sender's thread but reaches recipients as a new
 * conversation. Callers give the parent's Message-ID, or we read it from the thread's last message
 * (users.threads.get, metadata only: https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.threads/get).
 */
import { ConnectorError, type HttpClient } from '@patchbay/sdk';
import { z } from 'zod';

const thread = z.object({
  messages: z
    .array(z.object({ payload: z.object({ headers: z.array(z.object({ name: z.string(), value: z.string() })).optional() }).optional() }))
    .optional(),
});

export interface ReplyHeaders {
  inReplyTo?: string | undefined;
  references?: readonly string[] | undefined;
}

/** A subject without its reply and forward prefixes, for comparing a reply with its thread. */
export function baseSubject(subject: string): string {
  return subject
    .replace(/^\s*((re|fwd?|aw|sv|tr)\s*:\s*)+/i, '')
    .trim()
    .toLowerCase();
}

const messageIds = (value: string | undefined) => value?.match(/<[^<>\s]+>/g) ?? [];

/**
 * The In-Reply-To and References a message needs: the caller's when given, else derived from
 * the last message of `threadId` (which needs gmail.readonly). A derived reply whose subject is
 * not the thread's would not thread for recipients, so it is refused.
 */
export async function replyHeaders(
  input: { threadId?: string | undefined; subject: string } & ReplyHeaders,
  http: HttpClient,
): Promise<ReplyHeaders> {
  if (input.inReplyTo || !input.threadId) return { inReplyTo: input.inReplyTo, references: input.references };
  const res = await http.get(`/gmail/v1/users/me/threads/${encodeURIComponent(input.threadId)}`, {
    query: { format: 'metadata', metadataHeaders: ['Message-ID', 'References', 'Subject'] },
    schema: thread,
  });
  const headers = res.data.messages?.at(-1)?.payload?.headers ?? [];
  const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
  const parent = messageIds(header('Message-ID'))[0];
  if (!parent)
    throw new ConnectorError('INVALID_INPUT', 'The thread has no message with a Message-ID to reply to: give inReplyTo', {
      path: 'inReplyTo',
    });
  const subject = header('Subject');
  if (subject !== undefined && baseSubject(subject) !== baseSubject(input.subject))
    throw new ConnectorError(
      'INVALID_INPUT',
      `A reply must keep the thread's subject ("${subject.slice(0, 200)}") to thread for recipients`,
      {
        path: 'subject',
      },
    );
  return { inReplyTo: parent, references: [...messageIds(header('References')), parent] };
}
