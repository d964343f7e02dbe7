/** G2 and G3: non-ASCII headers and attachment names written as the RFCs allow. */
import { describe, expect, it } from 'vitest';
import { base64Bytes, utf8Text } from './encoding.ts';
import { buildMessage, encodeHeader } from './mime.ts';

const decodeWords = (header: string) =>
  [...header.matchAll(/=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=/g)].map((m) => utf8Text(base64Bytes(m[1] ?? ''))).join('');

describe('MIME headers', () => {
  it('splits a long non-ASCII subject into encoded words of at most 75 characters, on folded lines (G2)', () => {
    const subject = `Réunion — ${'é'.repeat(120)} 🎉 fin`;
    const header = encodeHeader(subject);
    const words = header.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    // Split between characters: every word decodes on its own, and together they give the subject back.
    for (const word of words) expect(decodeWords(word)).not.toContain('\uFFFD');
    expect(decodeWords(header)).toBe(subject);
    const message = buildMessage({ to: ['a@example.com'], subject, text: 'x' });
    // RFC 5322: no line over 998 characters; each folded subject line stays near 78.
    expect(message.split('\r\n').every((line) => line.length <= 82)).toBe(true);
  });

  it('names non-ASCII attachments with RFC 2231 parameters, not encoded words in quotes (G3)', () => {
    const message = buildMessage({
      to: ['a@example.com'],
      subject: 's',
      text: 'x',
      attachments: [{ filename: "Résumé (final)'s.pdf", contentType: 'application/pdf', contentBase64: 'JVBERi0=' }],
    });
    expect(message).toContain("Content-Disposition: attachment; filename*=UTF-8''R%C3%A9sum%C3%A9%20%28final%29%27s.pdf");
    expect(message).toContain("Content-Type: application/pdf; name*=UTF-8''R%C3%A9sum%C3%A9%20%28final%29%27s.pdf");
    expect(message).not.toMatch(/filename="=\?/);
  });

  it('keeps plain ASCII names quoted, without quotes inside', () => {
    const message = buildMessage({
      to: ['a@example.com'],
      subject: 's',
      text: 'x',
      attachments: [{ filename: 'a "b".txt', contentType: 'text/plain', contentBase64: 'eA==' }],
    });
    expect(message).toContain('Content-Disposition: attachment; filename="a b.txt"');
  });
});
