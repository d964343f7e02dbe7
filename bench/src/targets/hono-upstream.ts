/**
 * @module S1, the physical limit: a bare Hono handler that calls the fake upstream with
 * `undici.request` and returns its JSON. Nothing Patchbay does can be faster than this.
 */
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { Agent, request } from 'undici';
import { announce } from './announce.ts';

const upstream = process.env.UPSTREAM_URL ?? '';
const dispatcher = new Agent({ connections: 256, keepAliveTimeout: 60_000 });
const app = new Hono().post('/', async (c) => {
  const res = await request(`${upstream}/v1/messages`, {
    method: 'POST',
    body: await c.req.text(),
    headers: { 'content-type': 'application/json' },
    dispatcher,
  });
  return c.json(await res.body.json());
});
const server = createAdaptorServer({ fetch: app.fetch }) as Server;
server.keepAliveTimeout = 60_000;
announce(server);
