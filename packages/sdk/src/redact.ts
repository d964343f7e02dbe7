/**
 * @module The one redaction rule, used at every exit of a call (errors to callers, run records,
 * webhook payloads, `lastError`, logs): every credential value of the call is replaced wherever
 * it appears, inside longer text too, and values under secret-looking keys are replaced whatever
 * they hold. The SDK's logger and the engine's run records both use it, so they cannot disagree.
 */
import { ConnectorError } from './errors.ts';

export const REDACTED = '[redacted]';

/** Key endings (compared without case, `_` or `-`) whose values are never kept: `botToken`, `x-api-key`. */
const SECRET_KEY_ENDINGS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'authorization',
  'cookie',
  'cookies',
  'credential',
  'credentials',
  'privatekey',
];

/** Keys that end like a secret but hold pagination cursors, which runs must keep to be replayed. */
const CURSOR_KEYS = new Set(['pagetoken', 'nextpagetoken', 'prevpagetoken', 'nexttoken', 'synctoken', 'continuationtoken']);

/** Credential fields that are not secret ("Bearer"); scrubbing them would garble every message. */
const PUBLIC_CREDENTIAL_KEYS = new Set(['tokentype']);

const normalizeKey = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

/** Whether a value under `key` is replaced whatever it holds. */
export function isSecretKey(key: string): boolean {
  const k = normalizeKey(key);
  return !CURSOR_KEYS.has(k) && SECRET_KEY_ENDINGS.some((ending) => k.endsWith(ending));
}

/** Shorter values would turn ordinary words into `[redacted]`. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every string inside a credentials object, longest first so longer secrets win over their parts.
 *
 * @example
 * const secrets = secretValues({ apiKey: 'sk_live_123' }); // ['sk_live_123']
 */
export function secretValues(credentials: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (typeof v === 'string' && v.length >= MIN_SECRET_LENGTH) found.push(v);
    else if (v && typeof v === 'object' && depth < 8) {
      for (const [key, inner] of Object.entries(v)) if (!PUBLIC_CREDENTIAL_KEYS.has(normalizeKey(key))) walk(inner, depth + 1);
    }
  };
  walk(credentials, 0);
  return [...new Set(found)].sort((a, b) => b.length - a.length);
}

/** `text` with every secret (4+ characters) replaced, longest first. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

const MAX_DEPTH = 32;

/**
 * A copy of `value` with secrets replaced (values and keys, at any depth). `finish` is applied to
 * every string and key afterwards (the engine makes text storable in Postgres with it).
 *
 * @example
 * redact({ error: 'bad key sk_live_123', botToken: 'xoxb-1' }, ['sk_live_123']);
 * // { error: 'bad key [redacted]', botToken: '[redacted]' }
 */
export function redact(value: unknown, secrets: readonly string[], finish: (text: string) => string = (t) => t): unknown {
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return finish(redactText(v, sorted));
    if (v === null || typeof v !== 'object') return v;
    if (depth > MAX_DEPTH) return '[too deep]';
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (v instanceof Error) return { name: v.name, message: walk(v.message, depth + 1) };
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(v))
      out[finish(redactText(key, sorted))] = isSecretKey(key) ? REDACTED : walk(inner, depth + 1);
    return out;
  };
  return walk(value, 0);
}

/** The same failure with every text field (message, providerCode, path) scrubbed; the cause, which may hold a body, is dropped. */
export function redactConnectorError(error: ConnectorError, secrets: readonly string[]): ConnectorError {
  const scrub = (text: string | undefined) => (text === undefined ? undefined : redactText(text, secrets));
  return new ConnectorError(error.code, redactText(error.message, secrets), {
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    providerCode: scrub(error.providerCode),
    path: scrub(error.path),
    requestSent: error.requestSent,
  });
}
