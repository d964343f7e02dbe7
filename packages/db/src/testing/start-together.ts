/** Anything a test starts and must stop: a spawned server, a fake provider, a listener. */
export interface Stoppable {
  stop(): unknown;
}

/**
 * Starts several test servers at once, as `Promise.all` would, except when one of them fails:
 * the ones that did start are stopped before its error is thrown. With a bare `Promise.all` the
 * started ones are never assigned, so `afterAll` cannot stop them and a spawned server outlives
 * its test file (holding its port, its database connections and the CI run's exit).
 */
export async function startTogether<T extends readonly Promise<Stoppable>[] | []>(
  starting: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled<readonly Promise<Stoppable>[]>(starting);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  const started = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  if (!failed) return started as { -readonly [K in keyof T]: Awaited<T[K]> };
  await Promise.allSettled(started.map((server) => server.stop()));
  throw failed.reason;
}
