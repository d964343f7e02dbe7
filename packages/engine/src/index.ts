export { canonicalJson, inputHash } from './input-hash.ts';
export type { Redacted, RedactOptions } from './redact.ts';
export { REDACTED, redactForRecord } from './redact.ts';
export { SingleFlight } from './single-flight.ts';
