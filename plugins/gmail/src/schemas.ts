import { z } from 'zod';

/** Gmail's message resource, the fields our actions read (https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages). */
export interface GmailPart {
  mimeType?: string;
  filename?: string;
  headers?: { name: string; value: string }[];
  body?: { size?: number; data?: string; attachmentId?: string };
  parts?: GmailPart[];
}

export const gmailMessage = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).optional(),
  snippet: z.string().optional(),
  internalDate: z.string().optional(),
  payload: z.custom<GmailPart>((value) => typeof value === 'object' && value !== null).optional(),
});

export const sentMessage = z.object({ id: z.string(), threadId: z.string(), labelIds: z.array(z.string()).optional() });

export const address = z.email();
/** An RFC 5322 msg-id, angle brackets included: `<CAF=abc@mail.gmail.com>`. */
export const messageId = z.string().regex(/^<[^<>\s]+@[^<>\s]+>$/, 'a Message-ID like <abc@mail.example.com>');
export const attachment = z.object({
  filename: z.string().min(1).max(255),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a MIME type like application/pdf'),
  contentBase64: z.string().min(1).describe('The file bytes, base64'),
});

export const composeInput = z
  .object({
    to: z.array(address).min(1).max(100),
    cc: z.array(address).max(100).optional(),
    bcc: z.array(address).max(100).optional(),
    subject: z.string().max(998),
    text: z.string().optional(),
    html: z.string().optional(),
    attachments: z.array(attachment).max(20).optional(),
    threadId: z.string().optional().describe('Send within this thread'),
    inReplyTo: messageId
      .optional()
      .describe("The parent's Message-ID (getMessage: messageId); with threadId and none given, the thread's last message"),
    references: z.array(messageId).max(100).optional().describe("The thread's Message-IDs, oldest first; default: the parent's"),
  })
  .refine((m) => m.text !== undefined || m.html !== undefined, { message: 'give text, html or both', path: ['text'] })
  .refine((m) => m.inReplyTo !== undefined || m.references === undefined, { message: 'references needs inReplyTo', path: ['inReplyTo'] });
