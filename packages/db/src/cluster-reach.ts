/**
 * @module As root, the embedded cluster runs as the `postgres` system user, who must be able to
 * reach its data directory. A checkout under a mode-700 home (root's, typically) is out of its
 * reach, and initdb then fails with a bare EACCES; this check says so in one line, with the fix.
 */
import { execFileSync } from 'node:child_process';
import { DatabaseStartError } from './errors.ts';

/** Throws DatabaseStartError unless the user `ids` can search `dir` (and so every parent). */
export function assertReachable(dir: string, ids: { uid: number; gid: number }, user: string): void {
  try {
    // `test -x` as that user: path resolution fails on any parent it may not search.
    execFileSync('sh', ['-c', 'test -x "$1"', 'sh', dir], { ...ids, stdio: 'ignore' });
  } catch {
    throw new DatabaseStartError(
      `running as root, Postgres runs as the '${user}' system user, who cannot reach ${dir} (a parent directory is not searchable, e.g. mode 700); ` +
        'set DATABASE_URL to a Postgres you run, or PATCHBAY_DATA_DIR to a path that user can reach (e.g. /var/lib/patchbay/postgres)',
    );
  }
}
