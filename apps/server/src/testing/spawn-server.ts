import { type SpawnedProcess, spawnEntry } from './spawn-process.ts';

export interface SpawnedServer extends SpawnedProcess {
  url: string;
}

/** Spawns `node main.ts` (what `pnpm start` runs) and resolves once it prints its URL, or rejects when it exits. */
export async function spawnServer(env: NodeJS.ProcessEnv): Promise<SpawnedServer> {
  const spawned = await spawnEntry('main.ts', env, /Patchbay listening on (http:\/\/\S+)/);
  return { ...spawned, url: spawned.match[1] ?? '' };
}
