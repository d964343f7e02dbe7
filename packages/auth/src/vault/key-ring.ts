/**
 * @module The encryption key ring: `PATCHBAY_ENCRYPTION_KEYS` is a comma-separated list of
 * `id:base64key` entries (32-byte keys). The first entry is the primary, used for every new
 * encryption; the others only decrypt, until rotation has moved every row to the primary.
 */
import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { VaultError } from './vault-error.ts';

export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
  /** The same key as a KeyObject, made once: ciphers built from it skip re-importing the bytes. */
  readonly secret: KeyObject;
}

export interface KeyRing {
  readonly primary: EncryptionKey;
  readonly keys: ReadonlyMap<string, EncryptionKey>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parseEntry(entry: string, position: number): EncryptionKey {
  const colon = entry.indexOf(':');
  const id = colon > 0 ? entry.slice(0, colon).trim() : '';
  if (!KEY_ID.test(id)) {
    throw new VaultError(
      'KEY_RING_INVALID',
      `PATCHBAY_ENCRYPTION_KEYS entry ${position} needs the form id:base64key, with an id of letters, digits, _ or -`,
    );
  }
  const encoded = entry.slice(colon + 1).trim();
  const key = Buffer.from(encoded, 'base64');
  if (!BASE64.test(encoded) || key.length !== KEY_BYTES) {
    throw new VaultError('KEY_RING_INVALID', `PATCHBAY_ENCRYPTION_KEYS key "${id}" must be ${KEY_BYTES} bytes of base64`);
  }
  return { id, key, secret: createSecretKey(key) };
}

/** Parses a key ring; errors name the bad entry by position or id, never its key. */
export function parseKeyRing(spec: string): KeyRing {
  const entries = spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new VaultError('KEY_RING_MISSING', 'PATCHBAY_ENCRYPTION_KEYS holds no key');
  const keys = new Map<string, EncryptionKey>();
  entries.forEach((entry, index) => {
    const key = parseEntry(entry, index + 1);
    if (keys.has(key.id)) throw new VaultError('KEY_RING_INVALID', `PATCHBAY_ENCRYPTION_KEYS names key "${key.id}" twice`);
    keys.set(key.id, key);
  });
  const [primary] = keys.values();
  if (!primary) throw new VaultError('KEY_RING_MISSING', 'PATCHBAY_ENCRYPTION_KEYS holds no key');
  return { primary, keys };
}

/** A new `id:base64key` entry, ready to put first in PATCHBAY_ENCRYPTION_KEYS. */
export function generateKeyEntry(
  id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(2).toString('hex')}`,
): string {
  if (!KEY_ID.test(id)) throw new VaultError('KEY_RING_INVALID', 'a key id is letters, digits, _ or -, at most 32');
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/** The ring written back as PATCHBAY_ENCRYPTION_KEYS, primary first. */
export function formatKeyRing(ring: KeyRing): string {
  const rest = [...ring.keys.values()].filter((k) => k.id !== ring.primary.id);
  return [ring.primary, ...rest].map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
}
