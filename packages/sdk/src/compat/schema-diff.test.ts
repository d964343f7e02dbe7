import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allowsBreaking } from './connector-diff.ts';
import { compareSchemas, type SchemaSide } from './schema-diff.ts';

const json = (schema: z.ZodType, side: SchemaSide) => z.toJSONSchema(schema, { io: side }) as Record<string, unknown>;
const changes = (old: z.ZodType, next: z.ZodType, side: SchemaSide) =>
  compareSchemas(json(old, side), json(next, side), side).map((f) => `${f.breaking ? '!' : '+'} ${f.path}: ${f.message}`);

describe('compareSchemas on inputs', () => {
  it('a narrowed enum, a narrower type and a tightened bound break callers', () => {
    expect(changes(z.object({ s: z.enum(['a', 'b']) }), z.object({ s: z.enum(['a']) }), 'input')).toEqual([
      '! input.s: enum narrowed: no longer accepts "b"',
    ]);
    expect(changes(z.object({ n: z.number() }), z.object({ n: z.number().int() }), 'input')).toEqual([
      expect.stringMatching(/^! input\.n: no longer accepts number/),
    ]);
    expect(changes(z.object({ t: z.string().max(100) }), z.object({ t: z.string().max(50) }), 'input')).toEqual([
      '! input.t: maxLength 100 → 50',
    ]);
  });

  it('widening is fine: a wider enum, a nullable field, a looser bound, a new optional field', () => {
    const old = z.object({ s: z.enum(['a']), t: z.string().max(50), n: z.number().int() });
    const next = z.object({ s: z.enum(['a', 'b']), t: z.string().max(100).nullable(), n: z.number(), extra: z.boolean().optional() });
    expect(changes(old, next, 'input')).toEqual(['+ input.extra: new optional field']);
  });

  it('looks into arrays of objects', () => {
    const item = (o: z.ZodRawShape) => z.object({ items: z.array(z.object(o)) });
    expect(changes(item({ price: z.string() }), item({ price: z.string(), qty: z.number() }), 'input')).toEqual([
      '! input.items[].qty: new required field',
    ]);
  });
});

describe('compareSchemas on outputs', () => {
  it('a removed, newly optional, retyped or nullable field and a widened enum break consumers', () => {
    const old = z.object({ a: z.string(), b: z.string(), c: z.number(), d: z.string(), e: z.enum(['open', 'closed']) });
    const next = z.object({ b: z.string().optional(), c: z.string(), d: z.string().nullable(), e: z.enum(['open', 'closed', 'merged']) });
    expect(changes(old, next, 'output')).toEqual([
      '! output.a: field removed',
      '! output.b: may now be missing',
      '! output.c: may now be string (was number)',
      '! output.d: may now be null (was string)',
      '! output.e: enum widened: may now be "merged"',
    ]);
  });

  it('a new output field, a narrower enum or a non-null field is fine', () => {
    const old = z.object({ e: z.enum(['a', 'b']), d: z.string().nullable() });
    const next = z.object({ e: z.enum(['a']), d: z.string(), more: z.number() });
    expect(changes(old, next, 'output')).toEqual(['+ output.more: new field']);
  });
});

describe('allowsBreaking', () => {
  it('needs a higher major, or a higher minor below 1.0.0 (as caret ranges read it)', () => {
    expect([
      allowsBreaking('1.4.2', '2.0.0'),
      allowsBreaking('1.4.2', '1.5.0'),
      allowsBreaking('0.1.0', '0.2.0'),
      allowsBreaking('0.1.0', '0.1.1'),
    ]).toEqual([true, false, true, false]);
    expect(() => allowsBreaking('one', '2.0.0')).toThrow('Not a semver version: one');
  });
});
