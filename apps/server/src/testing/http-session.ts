/**
 * @module Test helper: talks to a running server over real HTTP the way a browser or a service
 * would, keeping the cookies it is sent (a cookie jar) and speaking tRPC's plain-JSON format.
 */
export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: replies are inspected by tests, shape varies per procedure.
  body: any;
  headers: Headers;
}

export class HttpSession {
  readonly cookies = new Map<string, string>();
  readonly #base: string;
  readonly #headers: Record<string, string>;

  constructor(base: string, headers: Record<string, string> = {}) {
    this.#base = base;
    this.#headers = headers;
  }

  /** The server's origin: where this client's cookies belong. */
  get origin(): string {
    return new URL(this.#base).origin;
  }

  /** A client for the same server with an API key instead of cookies. */
  static withApiKey(base: string, key: string): HttpSession {
    return new HttpSession(base, { authorization: `Bearer ${key}` });
  }

  withOrg(org: string): HttpSession {
    const copy = new HttpSession(this.#base, { ...this.#headers, 'x-patchbay-org': org });
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    return copy;
  }

  async request(path: string, init: RequestInit = {}): Promise<Reply> {
    const headers = new Headers({ ...this.#headers, ...(init.headers as Record<string, string>) });
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(`${this.#base}${path}`, { ...init, headers });
    this.keepCookies(res.headers);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  /** Stores (or, when expired or emptied, drops) the cookies a response sets, as a browser does. */
  keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      const expired = attrs.some((a) => /^\s*(expires=Thu, 01 Jan 1970|max-age=0\s*$)/i.test(a));
      if (expired || value.join('=') === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
  }

  /** A tRPC mutation as a same-origin browser call (JSON, with the CSRF header). */
  mutation(procedure: string, input?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(`/trpc/${procedure}`, {
      method: 'POST',
      body: JSON.stringify(input ?? null),
      headers: { 'content-type': 'application/json', 'x-patchbay-csrf': '1', ...headers },
    });
  }

  query(procedure: string, input?: unknown): Promise<Reply> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.request(`/trpc/${procedure}${query}`);
  }
}

/** The `data` of a successful tRPC reply, or a thrown error naming the code. */
// biome-ignore lint/suspicious/noExplicitAny: see Reply.body.
export function ok(reply: Reply): any {
  if (reply.status !== 200) throw new Error(`expected 200, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body.result.data;
}

export function errorCode(reply: Reply): string | undefined {
  return reply.body?.error?.data?.code ?? reply.body?.error?.code;
}
