/**
 * @module A wide table's horizontal scroller: on a phone the table scrolls inside it, so the
 * region is named and takes focus for keyboard scrolling (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus so keyboard users can scroll it (WCAG 2.1.1).
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
