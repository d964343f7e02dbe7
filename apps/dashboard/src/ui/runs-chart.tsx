/**
 * @module Runs per status over time as stacked SVG bars (no chart library: this is the one chart
 * the dashboard draws). A table under it carries the same figures for screen readers.
 */
import { formatShort } from '../time.ts';

export const CHART_STATUSES = ['succeeded', 'failed', 'dead', 'cancelled', 'running', 'queued'] as const;
type Counts = Record<(typeof CHART_STATUSES)[number], number>;
export interface Bucket {
  start: string;
  counts: Counts;
}

const W = 600;
const H = 160;

const BUCKET_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Bars sit at their bucket's place on the range's time axis, so quiet periods show as gaps. */
export function RunsChart({ buckets, from, to, bucket }: { buckets: Bucket[]; from: string; to: string; bucket: keyof typeof BUCKET_MS }) {
  const totals = buckets.map((b) => CHART_STATUSES.reduce((sum, s) => sum + b.counts[s], 0));
  const max = Math.max(1, ...totals);
  const start = Date.parse(from);
  const range = Math.max(1, Date.parse(to) - start);
  const width = Math.max(2, (BUCKET_MS[bucket] / range) * W - 1);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Runs per status over time, at most ${max} in one period`}>
        <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} className="axis" />
        {buckets.map((b) => {
          const x = Math.min(W - width, Math.max(0, ((Date.parse(b.start) - start) / range) * W));
          let y = H;
          return (
            <g key={b.start}>
              {CHART_STATUSES.map((status) => {
                const h = (b.counts[status] / max) * (H - 4);
                y -= h;
                return h > 0 ? <rect key={status} className={`bar-${status}`} x={x} y={y} width={width} height={h} /> : null;
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {CHART_STATUSES.map((status) => (
          <span key={status}>
            <span className={`swatch bar-${status}`} aria-hidden="true" /> {status}
          </span>
        ))}
      </figcaption>
      <details>
        <summary>Figures</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Period starting</th>
              {CHART_STATUSES.map((s) => (
                <th scope="col" key={s}>
                  {s}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start}>
                <td>{formatShort(b.start)}</td>
                {CHART_STATUSES.map((s) => (
                  <td key={s}>{b.counts[s]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
