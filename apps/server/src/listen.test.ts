import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ListenError, listen } from './listen.ts';

describe('listen', () => {
  it('reports a taken port in one line', async () => {
    const first = await listen(new Hono().fetch, '127.0.0.1', 0);
    try {
      await expect(listen(new Hono().fetch, '127.0.0.1', first.port)).rejects.toThrow(
        new ListenError(`port ${first.port} on 127.0.0.1 is already in use (set PORT to another port)`),
      );
    } finally {
      await first.close();
    }
  });

  it('lets an in-flight request finish on close, then refuses new connections', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = new Hono().get('/slow', async (c) => {
      await gate;
      return c.text('finished');
    });
    const server = await listen(app.fetch, '127.0.0.1', 0);
    const base = `http://127.0.0.1:${server.port}`;
    const inFlight = fetch(`${base}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    release();
    const res = await inFlight;
    expect(await res.text()).toBe('finished');
    await closed;
    await expect(fetch(`${base}/slow`)).rejects.toThrow();
  });
});
