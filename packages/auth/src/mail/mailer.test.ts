import { describe, expect, it } from 'vitest';
import { accountLink } from './account-services.ts';
import { type AccountMail, logMailer, parseSmtpUrl } from './mailer.ts';

describe('parseSmtpUrl', () => {
  it('takes smtp:// and smtps:// with a host, and nothing else, without echoing the URL', () => {
    expect(parseSmtpUrl('smtps://user:pa%40ss@smtp.example.com').hostname).toBe('smtp.example.com');
    expect(parseSmtpUrl('smtp://127.0.0.1:2525').port).toBe('2525');
    for (const bad of ['http://user:hunter2@smtp.example.com', 'smtp:', 'not a url']) {
      expect(() => parseSmtpUrl(bad)).toThrow(/PATCHBAY_SMTP_URL/);
      try {
        parseSmtpUrl(bad);
      } catch (error) {
        expect(String(error)).not.toContain('hunter2');
      }
    }
  });
});

describe('account links and the development mailer', () => {
  it('puts the token in the fragment of a link on the public URL, and logs each mail whole', async () => {
    const written: AccountMail[] = [];
    const services = {
      mailer: logMailer((m) => written.push(m)),
      publicUrl: 'https://pb.example.com/',
      signup: 'open' as const,
      onMailError() {},
    };
    const link = accountLink(services, 'verify-email', 'a/b+c');
    expect(link).toBe('https://pb.example.com/verify-email#token=a%2Fb%2Bc');
    await services.mailer.send({ to: 'x@example.com', subject: 's', text: `go ${link}`, link });
    expect(written).toEqual([{ to: 'x@example.com', subject: 's', text: `go ${link}`, link }]);
  });
});
