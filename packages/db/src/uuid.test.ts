import { describe, expect, it } from 'vitest';
import { isUuid, timeOrderedUuid } from './uuid.ts';

/** The Unix milliseconds in a version 7 uuid's first 48 bits. */
const timeOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('timeOrderedUuid', () => {
  it('is a version 7 uuid with the RFC variant, which isUuid accepts', () => {
    for (let i = 0; i < 200; i++) {
      const id = timeOrderedUuid();
      expect(isUuid(id)).toBe(true);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('carries the time it was made in its first 48 bits', () => {
    const before = Date.now();
    const id = timeOrderedUuid();
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(Date.now());
    expect(timeOf(timeOrderedUuid(Date.UTC(2026, 11, 2)))).toBe(Date.UTC(2026, 11, 2));
  });

  it('sorts ids made in later milliseconds after earlier ones, as text and as Postgres orders uuids (bytewise)', () => {
    const start = Date.UTC(2026, 0, 1);
    const ids = Array.from({ length: 1000 }, (_, i) => timeOrderedUuid(start + i));
    expect([...ids].reverse().sort()).toEqual(ids);
    const bytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
    expect([...ids].reverse().sort((a, b) => Buffer.compare(bytes(a), bytes(b)))).toEqual(ids);
  });

  it('differs between ids made in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(Date.UTC(2026, 0, 1))));
    expect(ids.size).toBe(1000);
  });
});
