/**
 * @module How long an action may run. The default suits a few API calls; an upload or a long
 * export declares more, up to a documented maximum: a synchronous call holds an HTTP request
 * and a keyed run's lease that long, and a queued run keeps its worker that long.
 */

/** When an action declares no `timeoutMs`. */
export const DEFAULT_ACTION_TIMEOUT_MS = 30_000;
/** The longest `timeoutMs` an action may declare: 15 minutes. */
export const MAX_ACTION_TIMEOUT_MS = 15 * 60_000;

/** Why a declared `timeoutMs` cannot be used, or undefined when it can (or none is declared). */
export function actionTimeoutProblem(timeoutMs: unknown): string | undefined {
  if (timeoutMs === undefined) return undefined;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs <= 0)
    return 'timeoutMs must be a positive whole number of milliseconds';
  if (timeoutMs > MAX_ACTION_TIMEOUT_MS) return `timeoutMs ${timeoutMs} is above the maximum of ${MAX_ACTION_TIMEOUT_MS} (15 minutes)`;
  return undefined;
}

/** The action's deadline: what it declares, else the default. */
export function actionTimeoutMs(action: { timeoutMs?: number | undefined }): number {
  return action.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS;
}
