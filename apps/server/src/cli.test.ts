import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseKeyRing } from '@patchbay/auth';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const run = (...args: string[]) => promisify(execFile)(process.execPath, [CLI, ...args]);

describe('pnpm patchbay keys generate', () => {
  it('prints a fresh, valid key entry each time', async () => {
    const a = (await run('keys', 'generate', 'k2')).stdout.trim();
    const b = (await run('keys', 'generate', 'k2')).stdout.trim();
    expect(parseKeyRing(a).primary.id).toBe('k2');
    expect(a).not.toBe(b);
  });

  it('refuses an unknown command with usage and exit 2', async () => {
    await expect(run('keys', 'nope')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: pnpm patchbay') });
  });

  it('refuses a bad key id in one line', async () => {
    await expect(run('keys', 'generate', 'bad.id')).rejects.toMatchObject({
      code: 1,
      stderr: 'patchbay: a key id is letters, digits, _ or -, at most 32\n',
    });
  });
});
