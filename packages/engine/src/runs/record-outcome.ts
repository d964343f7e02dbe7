/**
 * @module Writing the record of a call whose provider work is done. The caller must get the real
 * outcome whatever happens to the record: a failed write is tried once more with the input and
 * output replaced by a marker (the usual reason a write fails is a value Postgres refuses; a
 * transient database error gets its retry the same way), and if that fails too the record is
 * reported lost on the process's warning channel rather than turned into an error for a call
 * that already acted.
 */

/** What stands in a run record for a value that could not be stored. */
export const UNRECORDED = JSON.stringify({ unrecorded: true, reason: 'The value could not be stored' });

export interface OutcomeValues {
  input: string;
  output: string | null;
}

/** True when the record (or its repaired form) was written. */
export async function recordOutcome<V extends OutcomeValues>(
  runId: string,
  values: V,
  write: (values: V) => Promise<void>,
): Promise<boolean> {
  try {
    await write(values);
    return true;
  } catch {
    // The error may quote the refused value (tenant input), so it is not passed on.
  }
  try {
    await write({ ...values, input: UNRECORDED, output: values.output === null ? null : UNRECORDED });
    return true;
  } catch (error) {
    process.emitWarning(`The run record ${runId} could not be written`, {
      code: 'PATCHBAY_RUN_RECORD_LOST',
      detail: error instanceof Error && 'code' in error ? `database error ${String(error.code)}` : 'database error',
    });
    return false;
  }
}
