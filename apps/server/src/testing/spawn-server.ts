import { type SpawnedProcess, spawnEntry } from './spawn-process.ts';
import { logOutbox, type Outbox } from './test-accounts.ts';

export interface SpawnedServer extends SpawnedProcess {
  url: string;
  /** Account mail, read from the log lines a server without PATCHBAY_SMTP_URL writes. */
  outbox: Outbox;
}

/** Spawns `node main.ts` (what `pnpm start` runs) and resolves once it prints its URL, or rejects when it exits. */
export async function spawnServer(env: NodeJS.ProcessEnv): Promise<SpawnedServer> {
  const spawned = await spawnEntry('main.ts', env, /Patchbay listening on (http:\/\/\S+)/);
  return { ...spawned, url: spawned.match[1] ?? '', outbox: logOutbox(spawned.stdout) };
}
