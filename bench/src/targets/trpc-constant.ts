/** S2: a constant tRPC query served through Hono, to price the tRPC layer alone. */
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { initTRPC } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { Hono } from 'hono';
import { announce } from './announce.ts';

const t = initTRPC.create();
const router = t.router({ hello: t.procedure.query(() => ({ hello: 'world' })) });
const app = new Hono().all('/trpc/*', (c) => fetchRequestHandler({ endpoint: '/trpc', req: c.req.raw, router, createContext: () => ({}) }));
const server = createAdaptorServer({ fetch: app.fetch }) as Server;
server.keepAliveTimeout = 60_000;
announce(server);
