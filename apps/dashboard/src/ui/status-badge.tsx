/** @module Status shown as text with a colour (never colour alone, for readers who cannot tell them apart). */
const TONE: Record<string, string> = {
  active: 'good',
  succeeded: 'good',
  delivered: 'good',
  needs_reauth: 'warn',
  queued: 'muted',
  running: 'info',
  cancelled: 'muted',
  revoked: 'muted',
  error: 'bad',
  failed: 'bad',
  dead: 'bad',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${TONE[status] ?? 'muted'}`}>{status.replace('_', ' ')}</span>;
}
