/**
 * @module The fake upstream provider: answers JSON after LATENCY_MS (sub-millisecond values
 * allowed; 0 answers at once), and serves an OAuth token endpoint that counts its requests.
 * Started as its own process so it never competes with the load generator's event loop.
 */
import { createServer } from 'node:http';
import { announce } from './announce.ts';

const latencyMs = Number(process.env.LATENCY_MS ?? 0);
let tokenRequests = 0;
const payload = JSON.stringify({ id: 'msg_1', ok: true, text: 'hello from upstream' });

const server = createServer((req, res) => {
  if (req.url === '/__stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ tokenRequests }));
    return;
  }
  const reply = () => {
    if (req.url?.startsWith('/oauth/token')) {
      tokenRequests++;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: `at_${tokenRequests}`, token_type: 'bearer', expires_in: 3600 }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(payload);
  };
  req.resume();
  req.on('end', () => (latencyMs > 0 ? setTimeout(reply, latencyMs) : reply()));
});
server.keepAliveTimeout = 60_000;
announce(server);
