/**
 * @module Whether tenant-chosen hosts may be internal addresses. Production refuses them; a
 * development machine allows them (local relays, test receivers). `PATCHBAY_EGRESS_ALLOW_PRIVATE`
 * overrides either way, for an operator whose SMTP relay or webhook receiver is on a private net.
 */
export function privateEgressAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  const override = env.PATCHBAY_EGRESS_ALLOW_PRIVATE;
  if (override === 'true') return true;
  if (override === 'false') return false;
  return env.NODE_ENV !== 'production';
}
