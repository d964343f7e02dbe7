import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { announce } from './announce.ts';

const app = new Hono().get('/', (c) => c.json({ hello: 'world' }));
const server = createAdaptorServer({ fetch: app.fetch }) as Server;
server.keepAliveTimeout = 60_000;
announce(server);
