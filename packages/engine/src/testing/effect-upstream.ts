/**
 * @module A real HTTP upstream for engine tests, on 127.0.0.1: `POST /echo` applies one "side
 * effect" per idempotency key (counted, so tests can prove a run acted exactly once) and
 * `GET /me` answers the connector's health check. `POST /flaky` answers 503 to the first request
 * of each key and 200 after.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EffectUpstream {
  url: string;
  /** How many requests carried each idempotency key. */
  effects: Map<string, number>;
  stop(): Promise<void>;
}

export async function startEffectUpstream(): Promise<EffectUpstream> {
  const effects = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && req.url === '/echo') {
        const key = String(req.headers['idempotency-key'] ?? '');
        effects.set(key, (effects.get(key) ?? 0) + 1);
        res.end(JSON.stringify({ ...(JSON.parse(body || '{}') as object), calls: effects.get(key) }));
        return;
      }
      if (req.method === 'POST' && req.url === '/flaky') {
        const key = `flaky:${String(req.headers['idempotency-key'] ?? '')}`;
        effects.set(key, (effects.get(key) ?? 0) + 1);
        res.statusCode = effects.get(key) === 1 ? 503 : 200;
        res.end(JSON.stringify({ message: 'flaky', calls: effects.get(key) }));
        return;
      }
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    effects,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
