/**
 * @module `create-connector <name> [--scope @acme] [--dir .] [--workspace]`: writes a new
 * connector package. It depends on the published SDK of this SDK's own version, so its first
 * `npm install` works anywhere; `--workspace` (what `pnpm create-connector` in the Patchbay
 * repository passes) depends on the workspace SDK instead. Reached through `npx @patchbay/sdk
 * create-connector`, `npm create patchbay-connector` and the repository's root script.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectorFiles } from './templates.ts';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SCOPE = /^@[a-z0-9][a-z0-9._-]*$/;

export const CREATE_CONNECTOR_USAGE = `usage: create-connector <name> [--scope @acme] [--dir .] [--workspace]

  <name>         kebab-case connector id, e.g. acme-crm
  --scope        npm scope of the package (default @patchbay): @acme gives @acme/connector-<name>
  --dir          where to create the package directory (default: the current directory)
  --workspace    depend on the SDK of the Patchbay workspace (inside the Patchbay repository)
  --help         this text`;

/** A refused argument, reported in one line. */
export class CreateConnectorError extends Error {
  override readonly name = 'CreateConnectorError';
}

/** This SDK's version, read from its own package.json (the same path from src/cli and dist/cli). */
export function sdkPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export interface CreateConnectorOptions {
  dir: string;
  /** Depend on the published SDK (default) rather than `workspace:*`. */
  standalone?: boolean;
  scope?: string;
}

export async function createConnector(name: string, options: CreateConnectorOptions): Promise<string> {
  if (!NAME.test(name)) throw new CreateConnectorError(`"${name}" is not a kebab-case name (like acme-crm)`);
  const scope = options.scope ?? '@patchbay';
  if (!SCOPE.test(scope)) throw new CreateConnectorError(`"${scope}" is not an npm scope (like @acme)`);
  const target = path.resolve(options.dir, name);
  if (existsSync(target)) throw new CreateConnectorError(`${target} already exists`);
  const sdkVersion = sdkPackageVersion();
  const sdkDevRange = options.standalone === false ? 'workspace:*' : `^${sdkVersion}`;
  const files = connectorFiles({ name, scope, sdkVersion, sdkDevRange });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await writeFile(path.join(target, file), content);
  }
  return target;
}

/** Runs the command with `args`; returns the exit code. Output goes to `write` (stdout) and `fail` (stderr). */
export async function runCreateConnector(args: string[], io: { write: (s: string) => void; fail: (s: string) => void }): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.fail(`create-connector: ${error instanceof Error ? error.message : String(error)}\n${CREATE_CONNECTOR_USAGE}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help) {
    io.write(`${CREATE_CONNECTOR_USAGE}\n`);
    return 0;
  }
  const [name] = positionals;
  if (!name) {
    io.fail(`${CREATE_CONNECTOR_USAGE}\n`);
    return 2;
  }
  try {
    const scope = values.scope;
    const target = await createConnector(name, { dir: values.dir ?? '.', standalone: !values.workspace, ...(scope ? { scope } : {}) });
    const shown = path.relative(process.cwd(), target) || target;
    const next = values.workspace
      ? `pnpm install && pnpm --filter ${scope ?? '@patchbay'}/connector-${name} test`
      : `cd ${shown} && npm install && npm test`;
    io.write(`Created ${shown}\nNext: ${next}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CreateConnectorError)) throw error;
    io.fail(`create-connector: ${error.message}\n`);
    return 1;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      scope: { type: 'string' },
      workspace: { type: 'boolean', default: false },
      // Accepted for old scripts: standalone is now the default.
      standalone: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCreateConnector(process.argv.slice(2), {
    write: (s) => process.stdout.write(s),
    fail: (s) => process.stderr.write(s),
  });
}
