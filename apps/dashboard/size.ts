/**
 * @module The first-load JavaScript of a dashboard build: every script and module preload
 * `index.html` names, raw and gzip-compressed (the budget is 250 KB gzip).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_LOAD_BUDGET_GZIP = 250 * 1024;

export interface FirstLoadSize {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

export async function firstLoadJs(distDir: string): Promise<FirstLoadSize> {
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const body = await readFile(path.join(distDir, file));
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files, rawBytes, gzipBytes };
}
