/**
 * @module Test helper for a connector's end-to-end test through the real server: outbound HTTP
 * goes to an undici MockAgent (only 127.0.0.1 stays reachable, so nothing leaves the machine and
 * each provider host is faked at the HTTP layer), and a verified owner has a new organization.
 * `close()` stops the server and puts the previous global dispatcher back.
 */
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { HttpSession, ok } from './http-session.ts';
import { signUpVerified } from './sign-up.ts';
import { startTestServer, type TestServer } from './test-server.ts';

type ServerOptions = NonNullable<Parameters<typeof startTestServer>[0]>;

export interface ProviderE2E {
  server: TestServer;
  /** The organization's owner, signed in, with the organization chosen. */
  owner: HttpSession;
  org: string;
  agent: MockAgent;
  close(): Promise<void>;
}

export async function startProviderE2E(options: {
  connectors: ServerOptions['connectors'];
  /** The owner's email (made unique by the caller, e.g. with Date.now()). */
  email: string;
  orgName: string;
  /** More server options; given the agent, for a `hostDispatcher` that must be faked too. */
  server?: (agent: MockAgent) => Omit<ServerOptions, 'connectors'>;
}): Promise<ProviderE2E> {
  const previous: Dispatcher = getGlobalDispatcher();
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  setGlobalDispatcher(agent);
  const server = await startTestServer({ ...options.server?.(agent), connectors: options.connectors });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, options.email);
  const org = ok(await user.mutation('orgs.create', { name: options.orgName })).id as string;
  return {
    server,
    owner: user.withOrg(org),
    org,
    agent,
    async close() {
      await server.close();
      setGlobalDispatcher(previous);
      await agent.close();
    },
  };
}
