import { describe, expect, it } from 'vitest';
import { canonicalJson, inputHash } from './input-hash.ts';

describe('inputHash', () => {
  it('is the same for the same input whatever the key order', () => {
    expect(inputHash('slack', 'postMessage', { channel: 'C1', text: 'hi', opts: { a: 1, b: 2 } })).toBe(
      inputHash('slack', 'postMessage', { opts: { b: 2, a: 1 }, text: 'hi', channel: 'C1' }),
    );
  });

  it('differs when the input, action or connector differs', () => {
    const base = inputHash('slack', 'postMessage', { text: 'hi' });
    expect(inputHash('slack', 'postMessage', { text: 'hi!' })).not.toBe(base);
    expect(inputHash('slack', 'updateMessage', { text: 'hi' })).not.toBe(base);
    expect(inputHash('discord', 'postMessage', { text: 'hi' })).not.toBe(base);
  });

  it('treats undefined properties as absent, like JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});
