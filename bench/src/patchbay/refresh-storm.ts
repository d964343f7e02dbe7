/**
 * @module S6, the refresh storm: 1,000 concurrent calls on one OAuth connection whose token
 * has just expired. Counts the token requests the upstream saw (the target is exactly one)
 * and times the burst against the same burst on a fresh token.
 */
import { Pool } from 'undici';
import { now } from '../load.ts';
import { spawnTarget } from '../spawn-target.ts';
import { median } from '../stats.ts';
import { seedTenants } from './seed.ts';
import { startPatchbay } from './server.ts';

export interface RefreshStormResult {
  calls: number;
  /** Most token requests seen in any storm (1 is the target). */
  tokenRequests: number;
  stormMs: number;
  baselineMs: number;
  errors: number;
  rounds: number;
}

export async function runRefreshStorm(rounds: number, calls: number, log: (line: string) => void): Promise<RefreshStormResult> {
  const upstream = await spawnTarget('upstream');
  const server = await startPatchbay('refresh-storm', upstream.url);
  const pool = new Pool(server.url, { connections: calls, keepAliveTimeout: 60_000 });
  try {
    const [tenant] = await seedTenants(server.db, server.ring, {
      tenants: 1,
      connectionsPerTenant: 1,
      connector: 'bench-oauth',
      expiresAt: new Date(Date.now() + 3600_000),
    });
    if (!tenant) throw new Error('seeding failed');
    const connectionId = tenant.connections[0] ?? '';
    const body = JSON.stringify({ connectionId, input: { channel: 'C1', text: 'hi' } });
    const headers = { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' };
    let errors = 0;
    const burst = async () => {
      const started = now();
      const statuses = await Promise.all(
        Array.from({ length: calls }, () =>
          pool.request({ path: '/trpc/actions.bench-oauth.send', method: 'POST', headers, body }).then(async (res) => {
            await res.body.dump();
            return res.statusCode;
          }),
        ),
      );
      errors += statuses.filter((s) => s !== 200).length;
      return now() - started;
    };
    const tokenRequests = async () => ((await (await fetch(`${upstream.url}/__stats`)).json()) as { tokenRequests: number }).tokenRequests;
    await burst(); // warm-up on a valid token
    errors = 0;
    const storms: number[] = [];
    const baselines: number[] = [];
    let worst = 0;
    for (let round = 0; round < rounds; round++) {
      baselines.push(await burst());
      await server.db
        .updateTable('connections')
        .set({ expires_at: new Date(Date.now() - 60_000) })
        .where('id', '=', connectionId)
        .execute();
      const before = await tokenRequests();
      storms.push(await burst());
      const seen = (await tokenRequests()) - before;
      worst = Math.max(worst, seen);
      log(
        `S6 round ${round + 1}/${rounds}: ${calls} calls on an expired token, ${seen} token request(s), ${storms.at(-1)?.toFixed(0)} ms (fresh token ${baselines.at(-1)?.toFixed(0)} ms)`,
      );
    }
    return { calls, tokenRequests: worst, stormMs: median(storms), baselineMs: median(baselines), errors, rounds };
  } finally {
    await pool.close();
    await server.stop();
    await upstream.stop();
  }
}
