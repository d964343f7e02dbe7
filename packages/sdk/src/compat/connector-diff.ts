/**
 * @module The breaking-change check between two versions of a connector: every action's input
 * and output JSON Schema compared, removed actions found, and the verdict against semver (a
 * breaking change needs a new major; in 0.x a new minor, as npm's caret ranges read it).
 */
import type { ConnectorDescription } from '../describe.ts';
import { compareSchemas } from './schema-diff.ts';

export interface ConnectorFinding {
  breaking: boolean;
  action: string;
  /** `input.email`, `output.items[].id`, or empty for the action itself. */
  path: string;
  message: string;
}

export interface ConnectorDiff {
  oldVersion: string;
  newVersion: string;
  findings: ConnectorFinding[];
  breaking: boolean;
  /** Whether the version grew enough for a breaking change. */
  majorBumped: boolean;
  /** False when there is a breaking change the version does not announce. */
  ok: boolean;
}

function parts(version: string): [number, number] {
  const match = /^v?(\d+)\.(\d+)\.\d+/.exec(version.trim());
  if (!match) throw new Error(`Not a semver version: ${version}`);
  return [Number(match[1]), Number(match[2])];
}

/** Whether `next` may break `old`'s callers: a higher major, or a higher minor below 1.0.0. */
export function allowsBreaking(old: string, next: string): boolean {
  const [oldMajor, oldMinor] = parts(old);
  const [newMajor, newMinor] = parts(next);
  if (newMajor !== oldMajor) return newMajor > oldMajor;
  return newMajor === 0 && newMinor > oldMinor;
}

/**
 * @example
 * const diff = diffConnectors(describeConnector(published), describeConnector(current));
 * if (!diff.ok) process.exitCode = 1;
 */
export function diffConnectors(old: ConnectorDescription, next: ConnectorDescription): ConnectorDiff {
  const findings: ConnectorFinding[] = [];
  if (old.id !== next.id)
    findings.push({ breaking: true, action: '', path: '', message: `connector id changed from ${old.id} to ${next.id}` });
  const after = new Map(next.actions.map((a) => [a.name, a]));
  for (const before of old.actions) {
    const now = after.get(before.name);
    if (!now) {
      findings.push({ breaking: true, action: before.name, path: '', message: 'action removed' });
      continue;
    }
    for (const side of ['input', 'output'] as const) {
      const key = side === 'input' ? 'inputSchema' : 'outputSchema';
      for (const f of compareSchemas(before[key], now[key], side)) findings.push({ action: before.name, ...f });
    }
    if (before.idempotent && !now.idempotent)
      findings.push({ breaking: true, action: before.name, path: '', message: 'no longer idempotent (callers may rely on safe retries)' });
  }
  const names = new Set(old.actions.map((a) => a.name));
  for (const action of next.actions)
    if (!names.has(action.name)) findings.push({ breaking: false, action: action.name, path: '', message: 'new action' });
  const breaking = findings.some((f) => f.breaking);
  const majorBumped = allowsBreaking(old.version, next.version);
  return { oldVersion: old.version, newVersion: next.version, findings, breaking, majorBumped, ok: !breaking || majorBumped };
}

/** One line per finding, then the verdict: what the CLI prints. */
export function formatDiff(diff: ConnectorDiff): string[] {
  const lines = diff.findings.map(
    (f) => `${f.breaking ? 'BREAKING' : 'minor   '} ${f.action || '(connector)'}${f.path ? ` ${f.path}` : ''}: ${f.message}`,
  );
  const versions = `${diff.oldVersion} → ${diff.newVersion}`;
  if (!diff.breaking) lines.push(`ok: no breaking change (${versions})`);
  else if (diff.majorBumped) lines.push(`ok: breaking changes under a new major (${versions})`);
  else lines.push(`error: breaking changes need a new major version (${versions})`);
  return lines;
}
