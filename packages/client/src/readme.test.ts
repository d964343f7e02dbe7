import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const root = path.resolve(pkg, '../..');
const scratch = path.join(pkg, '.readme-check');

/** Typechecks a snippet as if it were a user's file importing `@patchbay/client`. */
async function typecheck(source: string): Promise<string> {
  await mkdir(scratch, { recursive: true });
  await writeFile(path.join(scratch, 'example.ts'), source);
  // Stands in for the file `pnpm patchbay client-types` writes (apps/server tests the real one).
  await writeFile(path.join(scratch, 'patchbay-router.ts'), "export type { AppRouter } from '@patchbay/api';\n");
  await writeFile(
    path.join(scratch, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../tsconfig.base.json',
      compilerOptions: { noEmit: true },
      include: ['example.ts', 'patchbay-router.ts'],
    }),
  );
  try {
    await promisify(execFile)(path.join(root, 'node_modules/.bin/tsc'), ['-p', scratch]);
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('README', () => {
  it('its example compiles against the real router types', async () => {
    const readme = await readFile(path.join(pkg, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain('createPatchbayClient');
    expect(await typecheck(example ?? '')).toBe('');
  });

  it('the same check catches a call that does not type', async () => {
    const wrong = `import { createPatchbayClient } from '@patchbay/client';
import type { AppRouter } from './patchbay-router.ts';
const patchbay = createPatchbayClient<AppRouter>({ url: 'http://x', apiKey: 'k' });
const n: number = (await patchbay.system.version.query()).version;
await patchbay.system.nonexistent.query();
`;
    const output = await typecheck(wrong);
    expect(output).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(output).toMatch(/nonexistent/);
  });
});
