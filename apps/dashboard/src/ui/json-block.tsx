/** @module A labelled, scrollable JSON value (run input, output, error). */
export function JsonBlock({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) {
    return (
      <section className="card">
        <h3>{label}</h3>
        <p className="muted">None</p>
      </section>
    );
  }
  return (
    <section className="card">
      <h3>{label}</h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus so keyboard users can scroll it (WCAG 2.1.1). */}
      <pre tabIndex={0}>{JSON.stringify(value, null, 2)}</pre>
    </section>
  );
}
