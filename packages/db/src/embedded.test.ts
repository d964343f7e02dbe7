import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './connect.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { DatabaseStartError } from './errors.ts';
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

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
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

  it('adopts a Postgres that outlived its killed owner: it keeps running for whoever uses it, and the adopter stops it', async () => {
    const dataDir = path.join(await makeTempDir('patchbay-embedded'), 'pg');
    const orphan = await startEmbeddedPostgres({ dataDir });
    // The owner dies without stopping Postgres (SIGKILL, OOM): its pid in the owner file is gone.
    await writeFile(`${dataDir}.owner`, `${await deadPid()}\n`);
    const next = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    try {
      expect(next).toMatchObject({ owned: true, pid: orphan.pid, port: orphan.port });
      expect(await query(next.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    } finally {
      await next.stop();
    }
    expect(alive(orphan.pid)).toBe(false);
  });

  it('a second process on the same data directory attaches to the running cluster and never stops it (F9)', async () => {
    const dataDir = path.join(await makeTempDir('patchbay-embedded'), 'pg');
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      // Another live process owns the cluster, as when `pnpm worker` starts beside `pnpm start`.
      const helper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      await writeFile(`${dataDir}.owner`, `${helper.pid}\n`);
      try {
        const second = await startEmbeddedPostgres({ dataDir });
        expect(second).toMatchObject({ owned: false, pid: first.pid, port: first.port });
        await second.stop();
        expect(alive(first.pid)).toBe(true);
        expect(await query(first.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
      } finally {
        helper.kill();
      }
    } finally {
      await first.stop();
    }
    expect(alive(first.pid)).toBe(false);
  });

  it('openDatabase twice on one data directory: the second attaches, and closing it leaves the first working', async () => {
    const dataDir = path.join(await makeTempDir('patchbay-embedded'), 'pg');
    const first = await openDatabase({ dataDir });
    try {
      const second = await openDatabase({ dataDir });
      expect(second.embedded?.owned).toBe(false);
      expect(second.embedded?.pid).toBe(first.embedded?.pid);
      await second.close();
      expect(alive(first.embedded?.pid ?? 0)).toBe(true);
      expect((await first.pool.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await first.close();
    }
    expect(alive(first.embedded?.pid ?? 0)).toBe(false);
  });

  // Only root hands the cluster to the `postgres` system user; as anyone else there is no second user to lock out.
  it.skipIf(process.getuid?.() !== 0)(
    'as root under a mode-700 parent: one line naming the postgres user and the fix, and no half-made directory (F17)',
    async () => {
      const locked = path.join(await makeTempDir('patchbay-locked'), 'home');
      await mkdir(path.join(locked, 'checkout'), { recursive: true });
      await chmod(locked, 0o700);
      const error = await startEmbeddedPostgres({ dataDir: path.join(locked, 'checkout', '.patchbay', 'postgres') }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseStartError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/'postgres' system user/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/PATCHBAY_DATA_DIR/);
      expect(existsSync(path.join(locked, 'checkout', '.patchbay'))).toBe(false);
    },
  );

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
