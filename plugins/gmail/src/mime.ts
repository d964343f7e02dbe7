/**
 * @module Builds the RFC 5322 / MIME message the Gmail API takes base64url-encoded in `raw`
 * (https://developers.google.com/workspace/gmail/api/guides/sending). Text and HTML become a
 * multipart/alternative; attachments wrap it in a multipart/mixed. Non-ASCII subjects use
 * RFC 2047 encoded words; every body part is base64 in 76-character lines.
 */
import { base64, base64Bytes, utf8Bytes } from './encoding.ts';

export interface Attachment {
  filename: string;
  contentType: string;
  /** The file's bytes, base64 (standard or URL-safe). */
  contentBase64: string;
}

export interface MailParts {
  to: readonly string[];
  cc?: readonly string[] | undefined;
  bcc?: readonly string[] | undefined;
  subject: string;
  text?: string | undefined;
  html?: string | undefined;
  attachments?: readonly Attachment[] | undefined;
  /** The parent's Message-ID, for replies within a thread (RFC 5322 section 3.6.4). */
  inReplyTo?: string | undefined;
  /** The thread's Message-IDs, oldest first, ending with the parent's. */
  references?: readonly string[] | undefined;
}

const CRLF = '\r\n';
/** Base64 in 76-character lines (RFC 2045), by slicing: a regex over megabytes is slow. */
function wrap(encoded: string): string {
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}
const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** UTF-8 bytes per encoded word: 45 bytes are 60 base64 characters, 72 with `=?UTF-8?B?…?=`. */
const WORD_BYTES = 45;

/**
 * RFC 2047 encoded words for header values that are not plain ASCII. A word holds at most 75
 * characters (RFC 2047 section 2), so a long value becomes several words, split between
 * characters (never inside one), on folded lines (RFC 5322 section 2.2.3).
 */
export function encodeHeader(value: string): string {
  if (isAscii(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (chunk && utf8Bytes(chunk + ch).length > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${base64(utf8Bytes(word))}?=`).join(`${CRLF} `);
}

/** An RFC 2231 parameter (`filename*=UTF-8''…`) for non-ASCII names: encoded words are not allowed in parameters. */
function mimeParameter(name: string, value: string): string {
  if (isAscii(value)) return `${name}="${value.replace(/["\\]/g, '')}"`;
  const encoded = encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${name}*=UTF-8''${encoded}`;
}

/** Header values must not smuggle in further headers. */
function headerValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error('header values cannot contain line breaks');
  return value;
}

function textPart(contentType: string, content: string): string {
  return [`Content-Type: ${contentType}; charset="UTF-8"`, 'Content-Transfer-Encoding: base64', '', wrap(base64(utf8Bytes(content)))].join(
    CRLF,
  );
}

function multipart(kind: 'alternative' | 'mixed', parts: string[], boundary: string): string {
  return [
    `Content-Type: multipart/${kind}; boundary="${boundary}"`,
    '',
    ...parts.map((p) => `--${boundary}${CRLF}${p}`),
    `--${boundary}--`,
  ].join(CRLF);
}

function attachmentPart(a: Attachment): string {
  const filename = headerValue(a.filename);
  return [
    `Content-Type: ${headerValue(a.contentType)}; ${mimeParameter('name', filename)}`,
    `Content-Disposition: attachment; ${mimeParameter('filename', filename)}`,
    'Content-Transfer-Encoding: base64',
    '',
    wrap(base64(base64Bytes(a.contentBase64))),
  ].join(CRLF);
}

export function buildMessage(parts: MailParts, boundary: (kind: string) => string = defaultBoundary): string {
  const headers = [`To: ${parts.to.map(headerValue).join(', ')}`];
  if (parts.cc?.length) headers.push(`Cc: ${parts.cc.map(headerValue).join(', ')}`);
  if (parts.bcc?.length) headers.push(`Bcc: ${parts.bcc.map(headerValue).join(', ')}`);
  headers.push(`Subject: ${encodeHeader(headerValue(parts.subject))}`);
  if (parts.inReplyTo) {
    // References ends with the parent (RFC 5322 section 3.6.4), whatever the caller listed.
    const references = [...(parts.references ?? []).filter((id) => id !== parts.inReplyTo), parts.inReplyTo];
    headers.push(`In-Reply-To: ${headerValue(parts.inReplyTo)}`, `References: ${references.map(headerValue).join(`${CRLF} `)}`);
  }
  headers.push('MIME-Version: 1.0');
  const bodies: string[] = [];
  if (parts.text !== undefined) bodies.push(textPart('text/plain', parts.text));
  if (parts.html !== undefined) bodies.push(textPart('text/html', parts.html));
  let body = bodies.length > 1 ? multipart('alternative', bodies, boundary('alt')) : (bodies[0] ?? textPart('text/plain', ''));
  if (parts.attachments?.length) body = multipart('mixed', [body, ...parts.attachments.map(attachmentPart)], boundary('mixed'));
  return `${headers.join(CRLF)}${CRLF}${body}${CRLF}`;
}

function defaultBoundary(kind: string): string {
  return `patchbay_${kind}_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
