import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTogether } from './start-together.ts';

/** A real listener on loopback, as the test servers it stands for are. */
async function listening(): Promise<{ server: Server; stop: () => Promise<void> }> {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A start that fails on the next turn, as a server whose port is taken does. */
const failing = async (): Promise<{ stop: () => void }> => {
  await new Promise((resolve) => setImmediate(resolve));
  throw new Error('port in use');
};

describe('startTogether', () => {
  it('hands back every server, in order, when all start', async () => {
    const [first, second] = await startTogether([listening(), listening()]);
    expect(first.server.listening && second.server.listening).toBe(true);
    expect(first.server.address()).not.toEqual(second.server.address());
    await Promise.all([first.stop(), second.stop()]);
  });

  it('stops the servers that started when another fails, then throws its error', async () => {
    let started: Server | undefined;
    const tracked = listening().then((s) => {
      started = s.server;
      return s;
    });
    await expect(startTogether([tracked, failing()])).rejects.toThrow('port in use');
    expect(started?.listening).toBe(false);
  });

  it('waits for a slower server that is still starting when one fails, and stops it too', async () => {
    let started: Server | undefined;
    const slow = new Promise((resolve) => setTimeout(resolve, 50)).then(listening).then((s) => {
      started = s.server;
      return s;
    });
    await expect(startTogether([failing(), slow])).rejects.toThrow('port in use');
    expect(started?.listening).toBe(false);
  });
});
