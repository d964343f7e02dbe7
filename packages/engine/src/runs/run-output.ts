/**
 * @module The sealed copy of a keyed run's output (`runs.output_sealed`), which an idempotent
 * replay returns as it was first returned. The display copy in `runs.output` stays redacted.
 */
import { type KeyRing, openJson, sealJson } from '@patchbay/auth';
import type { TenantTx } from '@patchbay/db';

export const RUN_OUTPUT_PURPOSE = 'run.output';

/** The output sealed to its tenant and run: what `runs.output_sealed` holds. */
export function sealRunOutput(ring: KeyRing, tenantId: string, runId: string, output: unknown): string {
  return sealJson(ring, output ?? null, { tenantId, recordId: runId, purpose: RUN_OUTPUT_PURPOSE });
}

/** The output as first returned, from a value sealRunOutput made. */
export function openRunOutput(ring: KeyRing, tenantId: string, runId: string, sealed: string): unknown {
  return openJson(ring, sealed, { tenantId, recordId: runId, purpose: RUN_OUTPUT_PURPOSE });
}

/** Stores the sealed output on a run, inside the caller's tenant scope. */
export async function storeSealedOutput(tx: TenantTx, runId: string, sealed: string): Promise<void> {
  await tx.updateTable('runs').set({ output_sealed: sealed }).where('id', '=', runId).execute();
}
