import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:3000 and the embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, databaseUrl: undefined, production: false });
  });

  it('names the bad variable in one line', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^invalid configuration: PORT /);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/^invalid configuration: PORT /);
  });

  it('never echoes a DATABASE_URL, which carries a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(
      'invalid configuration: DATABASE_URL must be a postgres:// URL',
    );
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('reads PATCHBAY_SIGNUP, open by default in development and invite in production', () => {
    expect(loadConfig({}).signup).toBe('open');
    expect(loadConfig({ NODE_ENV: 'production' }).signup).toBe('invite');
    expect(loadConfig({ PATCHBAY_SIGNUP: 'closed' }).signup).toBe('closed');
    expect(() => loadConfig({ PATCHBAY_SIGNUP: 'sometimes' })).toThrow(/^invalid configuration: PATCHBAY_SIGNUP /);
  });

  it('takes only smtp:// or smtps:// for PATCHBAY_SMTP_URL and never echoes it', () => {
    expect(loadConfig({ PATCHBAY_SMTP_URL: 'smtps://u:p@smtp.example.com' }).smtpUrl).toBe('smtps://u:p@smtp.example.com');
    expect(() => loadConfig({ PATCHBAY_SMTP_URL: 'http://u:hunter2@smtp.example.com' })).toThrow(
      'invalid configuration: PATCHBAY_SMTP_URL must be an smtp:// or smtps:// URL',
    );
  });
});
