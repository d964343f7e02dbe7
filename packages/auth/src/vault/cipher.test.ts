import { describe, expect, it } from 'vitest';
import { open, openJson, reseal, seal, sealedKeyId, sealJson } from './cipher.ts';
import { generateKeyEntry, parseKeyRing } from './key-ring.ts';
import { VaultError } from './vault-error.ts';

const k1 = generateKeyEntry('k1');
const k2 = generateKeyEntry('k2');
const ringV1 = parseKeyRing(k1);
const ringBoth = parseKeyRing(`${k2},${k1}`);
const ringV2 = parseKeyRing(k2);
const ctx = { tenantId: 'tenant-a', recordId: 'conn-1', purpose: 'connection.credentials' };
const token = 'ya29.a0AfH6SMBx-very-secret-access-token';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    expect((error as Error).message).not.toContain(token);
    return (error as VaultError).code;
  }
  return undefined;
}

describe('seal / open', () => {
  it('round-trips, with a fresh nonce every time and no trace of the plaintext', () => {
    const a = seal(ringV1, token, ctx);
    const b = seal(ringV1, token, ctx);
    expect(a).not.toBe(b);
    expect(open(ringV1, a, ctx)).toBe(token);
    for (const form of [token, Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url')])
      expect(a).not.toContain(form);
    expect(openJson(ringV1, sealJson(ringV1, { accessToken: token }, ctx), ctx)).toEqual({ accessToken: token });
  });

  it('refuses a ciphertext moved to another record, tenant or purpose', () => {
    const sealed = seal(ringV1, token, ctx);
    expect(code(() => open(ringV1, sealed, { ...ctx, recordId: 'conn-2' }))).toBe('DECRYPT_FAILED');
    expect(code(() => open(ringV1, sealed, { ...ctx, tenantId: 'tenant-b' }))).toBe('DECRYPT_FAILED');
    expect(code(() => open(ringV1, sealed, { ...ctx, purpose: 'oauth_app.client_secret' }))).toBe('DECRYPT_FAILED');
  });

  it('refuses any tampered part', () => {
    const parts = seal(ringV1, token, ctx).split('.');
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      const tampered = parts.map((p, i) => (i === index ? bytes.toString('base64url') : p)).join('.');
      expect(code(() => open(ringV1, tampered, ctx))).toMatch(/DECRYPT_FAILED|MALFORMED/);
    }
    expect(code(() => open(ringV1, 'not-sealed', ctx))).toBe('MALFORMED');
  });
});

describe('key rotation', () => {
  it('moves a value to the new primary; the old key can then be dropped', () => {
    const old = seal(ringV1, token, ctx);
    expect(open(ringBoth, old, ctx)).toBe(token);
    const moved = reseal(ringBoth, old, ctx);
    expect(moved && sealedKeyId(moved)).toBe('k2');
    expect(reseal(ringBoth, moved ?? '', ctx)).toBeUndefined();
    expect(open(ringV2, moved ?? '', ctx)).toBe(token);
    expect(code(() => open(ringV2, old, ctx))).toBe('UNKNOWN_KEY');
  });
});
