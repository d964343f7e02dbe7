/**
 * @module A feed on 127.0.0.1 for the polling test: `GET /items?after=<id>` answers at most two
 * items newer than `after`, to the key `feed-key` only (any other key, or `refuse`, gets 401).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeFeed {
  url: string;
  items: { id: number; title: string }[];
  /** Every `after` asked for, in order. */
  polls: string[];
  /** Every request, refused or not. */
  requests: number;
  refuse: boolean;
  close(): Promise<void>;
}

export async function startFakeFeed(): Promise<FakeFeed> {
  const feed = { items: [] as FakeFeed['items'], polls: [] as string[], requests: 0, refuse: false };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    feed.requests += 1;
    if (feed.refuse || req.headers['x-api-key'] !== 'feed-key') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad key"}');
      return;
    }
    const after = Number(url.searchParams.get('after') ?? '0');
    feed.polls.push(String(after));
    const items = feed.items.filter((item) => item.id > after).slice(0, 2);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(feed, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
