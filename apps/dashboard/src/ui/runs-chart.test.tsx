import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RunsChart } from './runs-chart.tsx';

const counts = (succeeded: number, failed: number) => ({ succeeded, failed, dead: 0, cancelled: 0, running: 0, queued: 0 });
const attrs = (markup: string) => [
  ...markup.matchAll(/<rect class="bar-(\w+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g),
];

describe('RunsChart', () => {
  it('places each bucket at its time on the range and stacks statuses to scale', () => {
    const markup = renderToStaticMarkup(
      <RunsChart
        from="2026-12-01T00:00:00.000Z"
        to="2026-12-02T00:00:00.000Z"
        bucket="hour"
        buckets={[
          { start: '2026-12-01T01:00:00.000Z', counts: counts(3, 1) },
          { start: '2026-12-01T12:00:00.000Z', counts: counts(2, 0) },
        ]}
      />,
    );
    const rects = attrs(markup);
    expect(rects.map((r) => [r[1], Number(r[2])])).toEqual([
      ['succeeded', 25],
      ['failed', 25],
      ['succeeded', 300],
    ]);
    // The tallest bucket (4 runs) fills the height less the 4 px top margin; 3 of 4 are succeeded.
    const [succeeded, failed] = rects;
    expect(Number(succeeded?.[5])).toBeCloseTo(117);
    expect(Number(failed?.[5])).toBeCloseTo(39);
    expect(markup).toContain('aria-label="Runs per status over time, at most 4 in one period"');
  });
});
