/**
 * @module `pnpm create-connector <name> [--dir plugins] [--standalone]`: writes a new connector
 * package. Inside the Patchbay repository it depends on the workspace SDK; `--standalone`
 * makes it depend on the published one.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SDK_VERSION } from '../version.ts';
import { connectorFiles } from './templates.ts';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export async function createConnector(name: string, options: { dir: string; standalone: boolean }): Promise<string> {
  if (!NAME.test(name)) throw new Error(`"${name}" is not a kebab-case name (like acme-crm)`);
  const target = path.resolve(options.dir, name);
  if (existsSync(target)) throw new Error(`${target} already exists`);
  const files = connectorFiles({ name, sdkDevRange: options.standalone ? `^${SDK_VERSION}` : 'workspace:*' });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await writeFile(path.join(target, file), content);
  }
  return target;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { dir: { type: 'string', default: 'plugins' }, standalone: { type: 'boolean', default: false } },
  });
  const [name] = positionals;
  if (!name) {
    process.stderr.write('usage: pnpm create-connector <name> [--dir plugins] [--standalone]\n');
    process.exitCode = 2;
    return;
  }
  const target = await createConnector(name, values);
  process.stdout.write(
    `Created ${path.relative(process.cwd(), target) || target}\nNext: pnpm install, then pnpm --filter @patchbay/connector-${name} test\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`create-connector: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
