/**
 * @module Sends an RFC 5322 message the way its size allows. Small messages go as JSON `{ raw }`
 * (base64url) to users.messages.send; above 5 MB (Gmail's upload guide: simple and JSON bodies
 * are meant for 5 MB or less, https://developers.google.com/workspace/gmail/api/guides/uploads)
 * they go as `message/rfc822` through the resumable upload URI, which takes up to 35 MB and
 * resumes after a dropped connection instead of sending the mail again.
 */
import { ConnectorError, resumableUpload, type UploadContext } from '@patchbay/sdk';
import { base64url } from './encoding.ts';
import { sentMessage } from './schemas.ts';

export const UPLOAD_ABOVE_BYTES = 5 * 1024 * 1024;
/** users.messages.send's maximum message size through the upload URI. */
export const MAX_MESSAGE_BYTES = 35 * 1024 * 1024;

/**
 * Refuses, before encoding anything, input whose attachments alone exceed the limit: each is
 * base64 in the message too, so the message is at least as long as their base64 input.
 */
export function refuseOversized(input: { attachments?: readonly { contentBase64: string }[] | undefined }): void {
  const base64Length = (input.attachments ?? []).reduce((sum, a) => sum + a.contentBase64.length, 0);
  if (base64Length > MAX_MESSAGE_BYTES)
    throw new ConnectorError('INVALID_INPUT', `The attachments take ${base64Length} bytes in base64; Gmail takes at most 35 MB`, {
      path: 'attachments',
    });
}

export async function sendRaw(ctx: UploadContext, message: Uint8Array, threadId: string | undefined) {
  if (message.length > MAX_MESSAGE_BYTES)
    throw new ConnectorError('INVALID_INPUT', `The message is ${message.length} bytes; Gmail takes at most 35 MB`, { path: 'attachments' });
  const thread = threadId ? { threadId } : {};
  if (message.length <= UPLOAD_ABOVE_BYTES) {
    const res = await ctx.http.post('/gmail/v1/users/me/messages/send', {
      json: { raw: base64url(message), ...thread },
      schema: sentMessage,
    });
    return res.data;
  }
  const res = await resumableUpload(ctx, {
    start: { path: '/upload/gmail/v1/users/me/messages/send', query: { uploadType: 'resumable' }, json: thread },
    body: message,
    size: message.length,
    contentType: 'message/rfc822',
    schema: sentMessage,
  });
  return res.data;
}
