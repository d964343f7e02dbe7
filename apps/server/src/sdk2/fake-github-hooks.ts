/**
 * @module A local stand-in for GitHub's repository-webhook API on 127.0.0.1: keeps every hook
 * created (with the URL and secret it was given) and every deletion, for the triggers test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CreatedHook {
  id: number;
  path: string;
  authorization: string | undefined;
  body: { name: string; events: string[]; config: { url: string; secret: string; content_type: string } };
}

export interface FakeGithubHooks {
  url: string;
  created: CreatedHook[];
  deleted: string[];
  close(): Promise<void>;
}

export async function startFakeGithubHooks(): Promise<FakeGithubHooks> {
  const created: CreatedHook[] = [];
  const deleted: string[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      const path = req.url ?? '';
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/hooks$/.test(path)) {
        const hook = { id: 700 + created.length, path, authorization: req.headers.authorization, body: JSON.parse(text) };
        created.push(hook);
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: hook.id, active: true }));
        return;
      }
      if (req.method === 'DELETE' && /^\/repos\/[^/]+\/[^/]+\/hooks\/\d+$/.test(path)) {
        deleted.push(path);
        res.writeHead(204).end();
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    created,
    deleted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
