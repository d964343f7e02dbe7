/**
 * @module The files `create-connector` writes: a package anyone could publish, with one sample
 * action, a conformance test that passes as generated, and a README.
 */
export interface TemplateInput {
  /** kebab-case id, e.g. `acme-crm`. */
  name: string;
  /** How the package depends on the SDK while developing: `workspace:*` inside the Patchbay repo. */
  sdkDevRange: string;
  /** The npm scope the package is published under, e.g. `@acme`. */
  scope: string;
  /** The SDK version the package is written against (the scaffolding SDK's own). */
  sdkVersion: string;
}

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const title = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, sep: string, c: string) => `${sep ? ' ' : ''}${c.toUpperCase()}`);

export function connectorFiles({ name, sdkDevRange, scope, sdkVersion }: TemplateInput): Record<string, string> {
  const id = camel(name);
  const sdkRange = `^${sdkVersion}`;
  const packageName = `${scope}/connector-${name}`;
  const pkg = {
    name: packageName,
    version: '0.1.0',
    description: `${title(name)} connector for Patchbay`,
    license: 'MIT',
    type: 'module',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    files: ['dist', 'README.md'],
    scripts: {
      build: 'tsc -p tsconfig.build.json',
      test: 'vitest run',
      prepack: 'tsc -p tsconfig.build.json',
      // The breaking-change check against the last published version; skips when there is none or offline.
      prepublishOnly: 'patchbay-connectors-diff --previous',
    },
    peerDependencies: { '@patchbay/sdk': sdkRange, zod: '^4.0.0' },
    devDependencies: { '@patchbay/sdk': sdkDevRange, typescript: '^7.0.0', vitest: '^5.0.0', zod: '^4.0.0' },
  };
  const compilerOptions = {
    target: 'es2024',
    lib: ['es2024'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    verbatimModuleSyntax: true,
    erasableSyntaxOnly: true,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    skipLibCheck: true,
    types: [],
  };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, include: ['src'] }, null, 2)}\n`,
    'tsconfig.build.json': `${JSON.stringify({ compilerOptions: { ...compilerOptions, declaration: true, outDir: 'dist', rootDir: 'src' }, include: ['src'], exclude: ['src/**/*.test.ts'] }, null, 2)}\n`,
    'vitest.config.ts': `import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-${name}', include: ['src/**/*.test.ts'] },
});
`,
    '.gitignore': 'node_modules/\ndist/\n*.tgz\n',
    'src/index.ts': `import { apiKey, defineConnector } from '@patchbay/sdk';
import { z } from 'zod';
import { getStatus } from './actions/get-status.ts';

export const ${id} = defineConnector({
  id: '${name}',
  name: '${title(name)}',
  version: '0.1.0',
  description: '${title(name)}: describe what it connects to.',
  auth: apiKey({
    fields: z.object({ apiKey: z.string().min(1) }),
    apply: (credentials, request) => {
      request.headers['x-api-key'] = credentials.apiKey;
    },
  }),
  baseUrls: ['https://api.${name}.example.com'],
  actions: { getStatus },
  healthCheck: async (ctx) => {
    await ctx.http.get('/status');
  },
});

export default ${id};
`,
    'src/actions/get-status.ts': `import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';

const status = z.object({ status: z.string() });

/** Reference: https://api.${name}.example.com/docs#status (replace with the provider's API reference). */
export const getStatus = defineAction({
  description: 'The service status',
  input: z.object({}),
  output: status,
  idempotent: true,
  run: async (_input, ctx) => {
    const response = await ctx.http.get('/status', { schema: status });
    return response.data;
  },
});
`,
    'src/index.test.ts': `import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { ${id} } from './index.ts';

testConnector(${id}, {
  credentials: { apiKey: 'test-api-key-123' },
  fixtures: {
    getStatus: {
      input: {},
      setup: (h) => h.on('GET', '/status').reply(200, { status: 'ok' }),
      check: (output, h) => {
        expect(output).toEqual({ status: 'ok' });
        expect(h.requests[0]?.headers['x-api-key']).toBe('test-api-key-123');
      },
    },
  },
});
`,
    'README.md': `# ${packageName}

A [Patchbay](https://github.com/patchbay) connector for ${title(name)}.

## Use

Install it into your deployment (the Patchbay repository you run \`pnpm start\` in). From npm:

\`\`\`sh
pnpm add -w ${packageName}
\`\`\`

or from a packed tarball (\`npm pack\` here writes it; copy it into the deployment), whose
\`@patchbay/sdk\` peer then resolves to the deployment's own copy:

\`\`\`sh
pnpm add -w ./${packageName.replace(/^@/, '').replace('/', '-')}-0.1.0.tgz
\`\`\`

Then add it to the deployment's \`patchbay.config.ts\` and restart the server:

\`\`\`ts
import { defineConfig } from '@patchbay/engine';
import { ${id} } from '${packageName}';

export default defineConfig({ connectors: [${id}] });
\`\`\`

If its API lives on a sandbox or local host, point the deployment at it with
\`baseUrls: { '${name}': ['http://127.0.0.1:4010'] }\` in \`defineConfig\`, or with
\`PATCHBAY_BASE_URLS=${name}=http://127.0.0.1:4010\` (private hosts are refused when
\`NODE_ENV=production\`).

## Develop

\`\`\`sh
npm install
npm test       # the conformance suite against HTTP fixtures: no account needed
npm run build  # dist/ with JavaScript and type declarations
npm pack       # the tarball you would publish or install into a deployment
\`\`\`

See the connector authoring guide (docs/connector-authoring.md in the Patchbay repository).
`,
  };
}
