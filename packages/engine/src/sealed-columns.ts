import type { SealedColumn } from '@patchbay/auth';
import { CREDENTIALS_PURPOSE } from './connections/credentials.ts';
import { CLIENT_SECRET_PURPOSE } from './connections/oauth-apps.ts';
import { VERIFIER_PURPOSE } from './connections/oauth-flow.ts';
import { RUN_OUTPUT_PURPOSE } from './runs/run-output.ts';
import { TRIGGER_SECRET_PURPOSE } from './triggers/trigger-secret.ts';
import { WEBHOOK_SECRET_PURPOSE } from './webhooks/deliver.ts';

/** Every column that holds a vault-sealed value: what key rotation walks. */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'connections', column: 'credentials_sealed', idColumn: 'id', tenantColumn: 'tenant_id', purpose: CREDENTIALS_PURPOSE },
  { table: 'oauth_apps', column: 'client_secret_sealed', idColumn: 'id', tenantColumn: 'tenant_id', purpose: CLIENT_SECRET_PURPOSE },
  { table: 'webhook_endpoints', column: 'secret_sealed', idColumn: 'id', tenantColumn: 'tenant_id', purpose: WEBHOOK_SECRET_PURPOSE },
  { table: 'oauth_flows', column: 'code_verifier_sealed', idColumn: 'id', tenantColumn: 'tenant_id', purpose: VERIFIER_PURPOSE },
  { table: 'trigger_subscriptions', column: 'secret_sealed', idColumn: 'id', tenantColumn: 'tenant_id', purpose: TRIGGER_SECRET_PURPOSE },
  { table: 'runs', column: 'output_sealed', idColumn: 'id', tenantColumn: 'tenant_id', purpose: RUN_OUTPUT_PURPOSE },
];
