import { type SpawnedProcess, spawnEntry } from './spawn-process.ts';

/** Spawns `pnpm worker`'s entry point; resolves once it says it is running. */
export function spawnWorker(env: NodeJS.ProcessEnv): Promise<SpawnedProcess> {
  return spawnEntry('worker-main.ts', env, /Patchbay worker running/);
}
