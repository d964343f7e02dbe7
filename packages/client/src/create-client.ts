import { createTRPCClient, httpBatchLink, type TRPCClient, type TRPCLink } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';

/** The server refuses batches over this many calls; the client splits before that. */
export const DEFAULT_MAX_BATCH_SIZE = 20;

type HeaderSource = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

interface CommonOptions {
  /** Base URL of the Patchbay server, e.g. `https://patchbay.example.com`. */
  url: string;
  /** Extra headers for every request. */
  headers?: HeaderSource;
  /** A fetch to use instead of the global one (tests, proxies, custom agents). */
  fetch?: typeof fetch;
  maxBatchSize?: number;
}

export interface PatchbayClientOptions extends CommonOptions {
  /** An API key (`pbk_...`) of the organization to act for. Keep it on servers. */
  apiKey: string;
}

export interface PatchbayBrowserClientOptions extends CommonOptions {
  /** The organization to act in; the signed-in user must be a member. */
  org?: string;
}

/**
 * The typed client. Pass your deployment's router type to get its actions: the `AppRouter` that
 * `pnpm patchbay client-types --out patchbay-router.d.ts` writes, or inside the deployment's own
 * repository `AppRouterFor<typeof config.connectors>`. This package never imports the server, so
 * it installs in a frontend alone.
 */
export type PatchbayClient<R extends AnyTRPCRouter = AnyTRPCRouter> = TRPCClient<R>;

async function resolveHeaders(source: HeaderSource | undefined): Promise<Record<string, string>> {
  return typeof source === 'function' ? source() : (source ?? {});
}

function build<R extends AnyTRPCRouter>(
  options: CommonOptions,
  fixed: Record<string, string>,
  credentials?: 'include' | 'same-origin' | 'omit',
): PatchbayClient<R> {
  const baseFetch = options.fetch ?? fetch;
  // Every Patchbay router shares one root config (plain JSON, no transformer), so one untyped
  // link serves any router the caller names.
  const link = httpBatchLink<AnyTRPCRouter>({
    url: `${options.url.replace(/\/+$/, '')}/trpc`,
    maxItems: options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
    headers: async () => ({ ...(await resolveHeaders(options.headers)), ...fixed }),
    fetch: credentials ? (input, init) => baseFetch(input, { ...init, credentials }) : baseFetch,
  }) as unknown as TRPCLink<R>;
  return createTRPCClient<R>({ links: [link] });
}

/**
 * A typed client for services: authenticates with an API key, which names its organization.
 *
 * @example
 * const patchbay = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: process.env.PATCHBAY_API_KEY ?? '' });
 * const { version } = await patchbay.system.version.query();
 */
export function createPatchbayClient<R extends AnyTRPCRouter = AnyTRPCRouter>(options: PatchbayClientOptions): PatchbayClient<R> {
  return build<R>(options, { authorization: `Bearer ${options.apiKey}` });
}

/**
 * A typed client for browsers: rides on the session cookie, names the organization with
 * `x-patchbay-org`, and sends the `x-patchbay-csrf` header cookie-authenticated mutations need.
 * A page on another origin works once the server lists it in `PATCHBAY_CORS_ORIGINS`.
 */
export function createPatchbayBrowserClient<R extends AnyTRPCRouter = AnyTRPCRouter>(
  options: PatchbayBrowserClientOptions,
): PatchbayClient<R> {
  const fixed: Record<string, string> = { 'x-patchbay-csrf': '1' };
  if (options.org) fixed['x-patchbay-org'] = options.org;
  return build<R>(options, fixed, 'include');
}
