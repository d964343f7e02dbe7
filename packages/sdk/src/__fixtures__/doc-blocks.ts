/**
 * @module How the docs' code stays true: every ```ts block that follows an
 * `<!-- example: <fixture path> -->` marker in docs/connector-authoring.md must appear, as
 * written (blank lines and indentation aside), in that fixture file, which tsc type-checks and
 * the tests run.
 */
import { readFile } from 'node:fs/promises';

const DOC = new URL('../../../../docs/connector-authoring.md', import.meta.url);

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');

/** The marked blocks for one fixture (`docs-bodies.ts`), and that fixture's text, both normalized. */
export async function documentedBlocks(fixture: string): Promise<{ blocks: string[]; examples: string }> {
  const marker = `<!-- example: packages/sdk/src/__fixtures__/${fixture} -->`;
  const doc = await readFile(DOC, 'utf8');
  const examples = lines(await readFile(new URL(`./${fixture}`, import.meta.url), 'utf8'));
  const blocks = doc
    .split(marker)
    .slice(1)
    .map((rest) => lines(/```ts\n([\s\S]*?)```/.exec(rest)?.[1] ?? ''));
  return { blocks, examples };
}
