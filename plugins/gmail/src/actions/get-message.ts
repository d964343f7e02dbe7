import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { base64Bytes, utf8Text } from '../encoding.ts';
import { type GmailPart, gmailMessage } from '../schemas.ts';

function header(part: GmailPart | undefined, name: string): string | null {
  return part?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? null;
}

/** The first body of a MIME type, depth first, decoded. */
function findBody(part: GmailPart | undefined, mimeType: string): string | null {
  if (!part) return null;
  if (part.mimeType === mimeType && part.body?.data && !part.filename) return utf8Text(base64Bytes(part.body.data));
  for (const child of part.parts ?? []) {
    const found = findBody(child, mimeType);
    if (found !== null) return found;
  }
  return null;
}

function attachments(part: GmailPart | undefined): { filename: string; mimeType: string; size: number; attachmentId: string }[] {
  if (!part) return [];
  const own =
    part.filename && part.body?.attachmentId
      ? [
          {
            filename: part.filename,
            mimeType: part.mimeType ?? 'application/octet-stream',
            size: part.body.size ?? 0,
            attachmentId: part.body.attachmentId,
          },
        ]
      : [];
  return [...own, ...(part.parts ?? []).flatMap(attachments)];
}

/** Reference: https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/get */
export const getMessage = defineAction({
  description: 'Read one message: headers, text and HTML bodies, attachment list',
  scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
  idempotent: true,
  input: z.object({ id: z.string().min(1) }),
  output: z.object({
    id: z.string(),
    threadId: z.string(),
    labelIds: z.array(z.string()),
    snippet: z.string(),
    receivedAt: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    cc: z.string().nullable(),
    subject: z.string().nullable(),
    messageId: z.string().nullable(),
    text: z.string().nullable(),
    html: z.string().nullable(),
    attachments: z.array(z.object({ filename: z.string(), mimeType: z.string(), size: z.number(), attachmentId: z.string() })),
  }),
  run: async (input, ctx) => {
    const res = await ctx.http.get(`/gmail/v1/users/me/messages/${encodeURIComponent(input.id)}`, {
      query: { format: 'full' },
      schema: gmailMessage,
    });
    const m = res.data;
    return {
      id: m.id,
      threadId: m.threadId,
      labelIds: m.labelIds ?? [],
      snippet: m.snippet ?? '',
      receivedAt: m.internalDate ? new Date(Number(m.internalDate)).toISOString() : null,
      from: header(m.payload, 'From'),
      to: header(m.payload, 'To'),
      cc: header(m.payload, 'Cc'),
      subject: header(m.payload, 'Subject'),
      messageId: header(m.payload, 'Message-ID'),
      text: findBody(m.payload, 'text/plain'),
      html: findBody(m.payload, 'text/html'),
      attachments: attachments(m.payload),
    };
  },
});
