import type { ConnectorError } from '@patchbay/sdk';
import type { EngineError } from '../engine-error.ts';

/** A call that failed, with the run that records it. */
export class ActionFailed extends Error {
  override readonly name = 'ActionFailed';
  readonly runId: string | undefined;
  readonly error: ConnectorError | EngineError;
  constructor(error: ConnectorError | EngineError, runId: string | undefined) {
    super(error.message, { cause: error });
    this.error = error;
    this.runId = runId;
  }
}
