import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTempDir } from '@patchbay/db/testing';
import { describe, expect, it } from 'vitest';
import { formatKeyRing, generateKeyEntry, parseKeyRing } from './key-ring.ts';
import { loadKeyRing } from './load-key-ring.ts';

describe('parseKeyRing', () => {
  it('takes the first entry as primary and keeps the rest for decryption', () => {
    const spec = `${generateKeyEntry('new')},${generateKeyEntry('old')}`;
    const ring = parseKeyRing(spec);
    expect(ring.primary.id).toBe('new');
    expect([...ring.keys.keys()]).toEqual(['new', 'old']);
    expect(formatKeyRing(ring)).toBe(spec);
  });

  it('names a bad entry without echoing key material', () => {
    const short = 'k1:c2hvcnQta2V5';
    expect(() => parseKeyRing(short)).toThrow('PATCHBAY_ENCRYPTION_KEYS key "k1" must be 32 bytes of base64');
    expect(() => parseKeyRing('c2hvcnQta2V5')).toThrow(/entry 1 needs the form id:base64key/);
    const dup = generateKeyEntry('same');
    expect(() => parseKeyRing(`${dup},${dup}`)).toThrow('names key "same" twice');
    expect(() => parseKeyRing(' , ')).toThrow('holds no key');
    try {
      parseKeyRing(short);
    } catch (error) {
      expect(String(error)).not.toContain('c2hvcnQta2V5');
    }
  });
});

describe('loadKeyRing', () => {
  it('refuses to start in production without PATCHBAY_ENCRYPTION_KEYS', async () => {
    await expect(loadKeyRing({ spec: undefined, production: true, dataDir: tmpdir(), warn: () => {} })).rejects.toThrow(
      /required in production/,
    );
  });

  it('generates one private development ring, warns, and reuses it', async () => {
    const dataDir = await makeTempDir('patchbay-keys');
    const warnings: string[] = [];
    const first = await loadKeyRing({ spec: undefined, production: false, dataDir, warn: (m) => warnings.push(m) });
    const second = await loadKeyRing({ spec: '', production: false, dataDir, warn: (m) => warnings.push(m) });
    expect(formatKeyRing(second)).toBe(formatKeyRing(first));
    expect(warnings[0]).toMatch(/PATCHBAY_ENCRYPTION_KEYS is not set/);
    expect(warnings[0]).not.toContain(first.primary.key.toString('base64'));
    expect((await stat(path.join(dataDir, 'encryption-keys'))).mode & 0o777).toBe(0o600);
    expect((await readFile(path.join(dataDir, 'encryption-keys'), 'utf8')).trim()).toBe(formatKeyRing(first));
  });

  it('uses PATCHBAY_ENCRYPTION_KEYS when set', async () => {
    const spec = generateKeyEntry('prod1');
    const ring = await loadKeyRing({ spec, production: true, dataDir: tmpdir(), warn: () => {} });
    expect(ring.primary.id).toBe('prod1');
  });
});
