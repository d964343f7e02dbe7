/**
 * @module oauth2-mock-server as a client-credentials authorization server (RFC 6749 section
 * 4.4) on 127.0.0.1, made strict where the mock is lenient: it issues tokens only to a client
 * whose id and secret it knows, sent by HTTP Basic or in the body, and answers `invalid_client`
 * (401) to anything else. Tests read who asked, how, and for which scope.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { OAuth2Server } from 'oauth2-mock-server';

type MutableResponse = { body: Record<string, unknown> | string; statusCode: number };

export interface ClientCredentialsRequest {
  clientId: string | undefined;
  via: 'basic' | 'body' | 'none';
  scope: string | undefined;
  granted: boolean;
}

export interface ClientCredentialsServer {
  issuer: string;
  tokenUrl: string;
  requests: ClientCredentialsRequest[];
  /** Access tokens issued, each to its client id. */
  issued: Map<string, string>;
  /** Answers to give instead of a token, one per request (e.g. a 503), then back to normal. */
  script: { status: number; body: Record<string, unknown> }[];
  /** Registers a client (or replaces its secret). */
  register(clientId: string, clientSecret: string): void;
  stop(): Promise<void>;
}

function presented(req: IncomingMessage & { body?: Record<string, unknown> }): {
  id?: string;
  secret?: string;
  via: ClientCredentialsRequest['via'];
} {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64')
      .toString()
      .split(':')
      .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
    return { id, secret, via: 'basic' };
  }
  const id = req.body?.client_id;
  const secret = req.body?.client_secret;
  if (typeof id === 'string') return { id, secret: typeof secret === 'string' ? secret : undefined, via: 'body' };
  return { via: 'none' };
}

export async function startClientCredentialsServer(): Promise<ClientCredentialsServer> {
  const oauth = new OAuth2Server();
  await oauth.issuer.keys.generate('RS256');
  await oauth.start(0, '127.0.0.1');
  const clients = new Map<string, string>();
  const state = {
    requests: [] as ClientCredentialsRequest[],
    issued: new Map<string, string>(),
    script: [] as ClientCredentialsServer['script'],
  };
  // The mock signs the same claims within one second into the same token; a jti and the client
  // make each token its own, as a real server's are.
  oauth.service.on(
    'beforeTokenSigning',
    (token: { payload: Record<string, unknown> }, req: IncomingMessage & { body?: Record<string, unknown> }) => {
      token.payload.jti = randomUUID();
      token.payload.client_id = presented(req).id;
    },
  );
  oauth.service.on('beforeResponse', (response: MutableResponse, req: IncomingMessage & { body?: Record<string, unknown> }) => {
    const client = presented(req);
    const scope = typeof req.body?.scope === 'string' ? req.body.scope : undefined;
    const scripted = state.script.shift();
    const known = client.id !== undefined && clients.get(client.id) === client.secret;
    state.requests.push({ clientId: client.id, via: client.via, scope, granted: !scripted && known });
    if (scripted) {
      response.statusCode = scripted.status;
      response.body = scripted.body;
    } else if (!known) {
      response.statusCode = 401;
      response.body = { error: 'invalid_client', error_description: `client ${client.id} authentication failed` };
    } else if (typeof response.body === 'object' && typeof response.body.access_token === 'string' && client.id) {
      state.issued.set(response.body.access_token, client.id);
    }
  });
  const issuer = oauth.issuer.url ?? '';
  return Object.assign(state, {
    issuer,
    tokenUrl: `${issuer}/token`,
    register: (clientId: string, clientSecret: string) => void clients.set(clientId, clientSecret),
    stop: () => oauth.stop(),
  });
}
