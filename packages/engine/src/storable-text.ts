/**
 * @module Strings Postgres cannot store: text and jsonb refuse U+0000, and jsonb refuses an
 * unpaired UTF-16 surrogate. The API refuses such input at the boundary; what a provider sends
 * back is made storable before it reaches a run record, with U+FFFD in place of each bad unit.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const UNSTORABLE_ALL = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The marker that replaces each code unit Postgres cannot hold. */
export const UNSTORABLE_MARKER = '\uFFFD';

/** Whether Postgres text and jsonb can hold `value` as it is. */
export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

/** `value` with every unstorable code unit replaced by UNSTORABLE_MARKER. */
export const storableText = (value: string): string => (isStorableText(value) ? value : value.replace(UNSTORABLE_ALL, UNSTORABLE_MARKER));
