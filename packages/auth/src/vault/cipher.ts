/**
 * @module AES-256-GCM sealing of secrets at rest. Each value gets a random 96-bit nonce; the
 * additional authenticated data binds it to its tenant, its record and its purpose, so a
 * ciphertext copied onto another row, another tenant or another column fails to open.
 * Sealed form: `v1.<keyId>.<nonce>.<ciphertext>.<tag>` (base64url parts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring.ts';
import { VaultError } from './vault-error.ts';

export interface SecretContext {
  tenantId: string;
  /** The row the secret belongs to (connection id, OAuth app id, ...). */
  recordId: string;
  /** What the secret is for, e.g. `connection.credentials` or `oauth_app.client_secret`. */
  purpose: string;
}

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function aad(context: SecretContext): Buffer {
  return Buffer.from(JSON.stringify(['patchbay', VERSION, context.tenantId, context.recordId, context.purpose]), 'utf8');
}

/** Encrypts `plaintext` with the ring's primary key, bound to `context`. */
export function seal(ring: KeyRing, plaintext: string, context: SecretContext): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', ring.primary.secret, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    VERSION,
    ring.primary.id,
    nonce.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

interface Parsed {
  keyId: string;
  nonce: Buffer;
  body: Buffer;
  tag: Buffer;
}

function parse(sealed: string): Parsed {
  const parts = sealed.split('.');
  const [version, keyId, nonce, body, tag] = parts;
  if (parts.length !== 5 || version !== VERSION || !keyId || nonce === undefined || body === undefined || tag === undefined) {
    throw new VaultError('MALFORMED', 'sealed value is not in the v1 format');
  }
  return { keyId, nonce: Buffer.from(nonce, 'base64url'), body: Buffer.from(body, 'base64url'), tag: Buffer.from(tag, 'base64url') };
}

/** The id of the key a sealed value was encrypted with. */
export function sealedKeyId(sealed: string): string {
  return parse(sealed).keyId;
}

/** Decrypts a sealed value; fails unless key, context and every byte are as sealed. */
export function open(ring: KeyRing, sealed: string, context: SecretContext): string {
  const parsed = parse(sealed);
  const key = ring.keys.get(parsed.keyId);
  if (!key) throw new VaultError('UNKNOWN_KEY', `sealed with key "${parsed.keyId}", which is not in the key ring`);
  if (parsed.nonce.length !== NONCE_BYTES || parsed.tag.length !== TAG_BYTES)
    throw new VaultError('MALFORMED', 'sealed value has a bad nonce or tag');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.secret, parsed.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(context));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.body), decipher.final()]).toString('utf8');
  } catch {
    throw new VaultError('DECRYPT_FAILED', 'sealed value does not open with this key and context');
  }
}

/** Re-seals a value under the primary key; undefined when it already is. */
export function reseal(ring: KeyRing, sealed: string, context: SecretContext): string | undefined {
  if (sealedKeyId(sealed) === ring.primary.id) return undefined;
  return seal(ring, open(ring, sealed, context), context);
}

export function sealJson(ring: KeyRing, value: unknown, context: SecretContext): string {
  return seal(ring, JSON.stringify(value), context);
}

export function openJson<T = unknown>(ring: KeyRing, sealed: string, context: SecretContext): T {
  return JSON.parse(open(ring, sealed, context)) as T;
}
