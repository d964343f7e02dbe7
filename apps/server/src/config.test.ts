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

  it('reads PATCHBAY_RUN_RETENTION_DAYS (default 30) and refuses what is not a whole number of days', () => {
    expect(loadConfig({}).runRetentionDays).toBe(30);
    expect(loadConfig({ PATCHBAY_RUN_RETENTION_DAYS: '7' }).runRetentionDays).toBe(7);
    expect(() => loadConfig({ PATCHBAY_RUN_RETENTION_DAYS: '0' })).toThrow(/^invalid configuration: PATCHBAY_RUN_RETENTION_DAYS /);
    expect(() => loadConfig({ PATCHBAY_RUN_RETENTION_DAYS: '1.5' })).toThrow(/^invalid configuration: PATCHBAY_RUN_RETENTION_DAYS /);
  });

  it('takes the pool size from PATCHBAY_DB_POOL_MAX (default 10) and refuses nonsense', () => {
    expect(loadConfig({}).dbPoolMax).toBe(10);
    expect(loadConfig({ PATCHBAY_DB_POOL_MAX: '40' }).dbPoolMax).toBe(40);
    expect(() => loadConfig({ PATCHBAY_DB_POOL_MAX: '0' })).toThrow(/^invalid configuration: PATCHBAY_DB_POOL_MAX /);
    expect(() => loadConfig({ PATCHBAY_DB_POOL_MAX: 'many' })).toThrow(/^invalid configuration: PATCHBAY_DB_POOL_MAX /);
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
