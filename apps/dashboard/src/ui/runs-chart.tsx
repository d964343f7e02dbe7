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

export function RunsChart({ buckets }: { buckets: Bucket[] }) {
  const totals = buckets.map((b) => CHART_STATUSES.reduce((sum, s) => sum + b.counts[s], 0));
  const max = Math.max(1, ...totals);
  const step = W / Math.max(1, buckets.length);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Runs per status over time, at most ${max} in one period`}>
        {buckets.map((bucket, i) => {
          let y = H;
          return (
            <g key={bucket.start}>
              {CHART_STATUSES.map((status) => {
                const h = (bucket.counts[status] / max) * (H - 4);
                y -= h;
                return h > 0 ? (
                  <rect key={status} className={`bar-${status}`} x={i * step + 1} y={y} width={Math.max(1, step - 2)} height={h} />
                ) : null;
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
