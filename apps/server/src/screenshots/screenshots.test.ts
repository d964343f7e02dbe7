/**
 * `pnpm screenshots` cannot rot unnoticed: the real script (demo server on embedded Postgres,
 * seeded data, Chromium) runs on two pages into a temporary directory and writes two 1280×800
 * PNGs, and a third page showing an error state is not written and makes it exit 1; an unknown
 * page name is refused (exit 2) before anything starts.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_PAGES } from './pages.ts';

const run = promisify(execFile);
const SCRIPT = path.resolve(import.meta.dirname, '../../../../scripts/screenshots.ts');
let out: string;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'patchbay-screenshots-test-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('pnpm screenshots', () => {
  it('photographs Overview and a run page at 1280×800, and exits 1 for a page in an error state', { timeout: 240_000 }, async () => {
    // A run that does not exist: the run page shows its NOT_FOUND error, which must not become a picture.
    const missing = '/runs/00000000-0000-4000-8000-000000000000';
    const failure = await run(process.execPath, [SCRIPT, '--only', `overview,run,${missing}`, '--out', out], { timeout: 230_000 }).catch(
      (error: unknown) => error as { code?: number; stderr?: string },
    );
    expect(failure).toMatchObject({ code: 1 });
    const stderr = String((failure as { stderr?: string }).stderr);
    expect(stderr).toContain(`failed runs-00000000-0000-4000-8000-000000000000 (${missing}): the page shows an error`);
    expect(stderr).toContain('2 written, 0 skipped, 1 failed');
    expect((await readdir(out)).sort()).toEqual(['overview.png', 'run.png']);
    for (const file of ['overview.png', 'run.png'])
      expect(pngSize(await readFile(path.join(out, file)))).toEqual({ width: 1280, height: 800 });
  });

  it('refuses an unknown page name with exit code 2, naming the known ones', async () => {
    const failure = await run(process.execPath, [SCRIPT, '--only', 'no-such-page', '--out', out]).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect(String((failure as { stderr?: string }).stderr)).toContain(`known: ${SCREENSHOT_PAGES.map((page) => page.name).join(', ')}`);
  });
});
