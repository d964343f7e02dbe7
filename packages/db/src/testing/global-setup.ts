/**
 * @module Vitest global setup: one Postgres for the whole run (DATABASE_URL, or an embedded
 * cluster in a temporary directory) and one migrated template database that every test file
 * clones, so test files run in parallel without sharing rows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createKysely, createPool, ensureDatabase } from '../connect.ts';
import { startEmbeddedPostgres } from '../embedded.ts';
import { migrateToLatest } from '../migrator.ts';
import { dropDatabase } from './drop-database.ts';

export interface TestPostgres {
  adminUrl: string;
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    patchbayPostgres: TestPostgres;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.DATABASE_URL;
  const scratch = external ? undefined : await mkdtemp(path.join(tmpdir(), 'patchbay-test-'));
  const embedded = scratch ? await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), ephemeral: true }) : undefined;
  const cleanUp = async () => {
    await embedded?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
  const adminUrl = external ?? (embedded?.url as string);
  const template = `patchbay_template_${process.pid}_${Date.now().toString(36)}`;
  try {
    const db = createKysely(createPool(await ensureDatabase(adminUrl, template), 2));
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
  project.provide('patchbayPostgres', { adminUrl, template });
  return async () => {
    await dropDatabase(adminUrl, template);
    await cleanUp();
  };
}
