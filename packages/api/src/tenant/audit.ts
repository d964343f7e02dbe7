import type { TenantTx } from '@patchbay/db';
import type { Actor } from '../procedures.ts';

/** Records who did what in a tenant, in the same transaction as the change itself. */
export async function audit(
  tx: TenantTx,
  tenantId: string,
  actor: Actor,
  action: string,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({ tenant_id: tenantId, actor_type: actor.type, actor_id: actor.id, action, target, details: JSON.stringify(details) })
    .execute();
}
