/**
 * @module Test helper: one Meta Graph host faked with undici's MockAgent, for the facebook-pages
 * and instagram end-to-end tests. Every request to the origin is recorded (method, path with its
 * query, authorization) and answered by the test's `route`; an unrouted one fails the test with 599.
 */
import type { MockAgent } from 'undici';

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

export interface Answer {
  status: number;
  body: unknown;
}

export type Route = (request: SeenRequest) => Answer | undefined;

export function fakeGraphHost(agent: MockAgent, origin: string, route: Route): SeenRequest[] {
  const seen: SeenRequest[] = [];
  agent
    .get(origin)
    .intercept({ path: () => true, method: () => true })
    .reply((options) => {
      const url = new URL(options.path, origin);
      const headers = options.headers as Record<string, string>;
      const request: SeenRequest = {
        method: options.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: headers.authorization ?? headers.Authorization,
      };
      seen.push(request);
      const answer = route(request) ?? { status: 599, body: { error: { message: `unrouted ${request.method} ${request.path}` } } };
      return {
        statusCode: answer.status,
        data: JSON.stringify(answer.body),
        responseOptions: { headers: { 'content-type': 'application/json' } },
      };
    })
    .persist();
  return seen;
}
