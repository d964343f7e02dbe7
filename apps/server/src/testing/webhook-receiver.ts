/**
 * @module Test helper: a webhook receiver on 127.0.0.1 that keeps every delivery (headers, raw
 * body, parsed event) and can refuse the next ones with a 500, to exercise redelivery.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever event shape they expect.
  event: any;
}

export interface WebhookReceiver {
  url: string;
  deliveries: Delivery[];
  /** Answers the next `count` deliveries with 500 (they are not kept). */
  failNext(count: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  let failing = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (failing > 0) {
        failing--;
        res.writeHead(500).end();
        return;
      }
      deliveries.push({ headers: req.headers, body, event: JSON.parse(body) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    deliveries,
    failNext(count) {
      failing = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
