import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.ts';
import { processAlive as alive } from './process-alive.ts';
import { makeTempDir } from './testing/temp-dir.ts';

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded Postgres', () => {
  it('initialises once, keeps data across restarts and leaves no process behind', async () => {
    const dataDir = path.join(await makeTempDir('patchbay-embedded'), 'pg');
    const first = await startEmbeddedPostgres({ dataDir });
    await query(first.url, "create table kept (v text); insert into kept values ('still here')");
    await first.stop();
    expect(alive(first.pid)).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    try {
      expect(await query(second.url, 'select v from kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await second.stop();
    }
    expect(alive(second.pid)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('recovers a data directory whose Postgres outlived a killed owner', async () => {
    const dataDir = path.join(await makeTempDir('patchbay-embedded'), 'pg');
    const orphan = await startEmbeddedPostgres({ dataDir });
    // Simulate the owner dying without stopping Postgres: forget the handle, start again.
    const next = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    try {
      expect(alive(orphan.pid)).toBe(false);
      expect(await query(next.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    } finally {
      await next.stop();
    }
  });

  it('fails with one clear line when the port is taken', async () => {
    const dataDir = path.join(await makeTempDir('patchbay-embedded'), 'pg');
    const a = await startEmbeddedPostgres({ dataDir });
    const otherDir = path.join(await makeTempDir('patchbay-embedded'), 'pg');
    try {
      await expect(startEmbeddedPostgres({ dataDir: otherDir, port: a.port, ephemeral: true })).rejects.toThrow(
        /embedded Postgres exited with code 1: .*(could not bind|could not create any TCP\/IP sockets)/,
      );
    } finally {
      await a.stop();
    }
  });
});
