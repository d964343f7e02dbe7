import type { ConnectorRegistry } from '../registry.ts';
import type { CallRequest } from '../runs/call-action.ts';
import type { PerformDeps } from '../runs/perform.ts';
import type { JobQueue } from './jobs.ts';

export interface QueueDeps extends PerformDeps {
  registry: ConnectorRegistry;
  queue: JobQueue | undefined;
  /** How long a claim holds without a heartbeat (default 30 s). */
  leaseMs: number;
}

/** A call to run later: the same fields as a synchronous call, and how many attempts it gets. */
export interface EnqueueRequest extends Omit<CallRequest, 'signal'> {
  maxAttempts?: number | undefined;
}

export function requireQueue(deps: Pick<QueueDeps, 'queue'>): JobQueue {
  if (!deps.queue) throw new Error('this engine has no job queue (pass pool to createEngine)');
  return deps.queue;
}
