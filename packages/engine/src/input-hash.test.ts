import { ConnectorError } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import { canonicalJson, inputHash } from './input-hash.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('inputHash', () => {
  it('is the same for the same input whatever the key order', () => {
    expect(inputHash('slack', 'postMessage', A, { channel: 'C1', text: 'hi', opts: { a: 1, b: 2 } })).toBe(
      inputHash('slack', 'postMessage', A, { opts: { b: 2, a: 1 }, text: 'hi', channel: 'C1' }),
    );
  });

  it('differs when the input, action, connector or connection differs', () => {
    const base = inputHash('slack', 'postMessage', A, { text: 'hi' });
    expect(inputHash('slack', 'postMessage', A, { text: 'hi!' })).not.toBe(base);
    expect(inputHash('slack', 'updateMessage', A, { text: 'hi' })).not.toBe(base);
    expect(inputHash('discord', 'postMessage', A, { text: 'hi' })).not.toBe(base);
    expect(inputHash('slack', 'postMessage', B, { text: 'hi' })).not.toBe(base);
  });

  it('treats undefined properties as absent, like JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('refuses input nested 10,000 deep with INVALID_INPUT instead of overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    expect(() => inputHash('slack', 'postMessage', A, deep)).toThrow(ConnectorError);
    expect(() => canonicalJson(deep)).toThrow(/nested deeper than 64/);
  });
});
