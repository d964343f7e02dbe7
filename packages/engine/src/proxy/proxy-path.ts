/**
 * @module Where a proxied request may go: a path under one of the connector's base URLs, never
 * an absolute or protocol-relative URL, and never a `.`/`..` segment (written plainly or
 * percent-encoded) that would climb out of the base URL's path (`/v1/../admin`). The SDK's http
 * client only checks the origin; the proxy also keeps callers inside the base path.
 */
import { ConnectorError } from '@patchbay/sdk';

const refuse = (why: string) => new ConnectorError('INVALID_INPUT', `The proxied path is refused: ${why}`, { path: 'path' });

/** The URL a proxied `path` (with its `?query`) reaches under `baseUrl`, or INVALID_INPUT. */
export function proxiedUrl(baseUrl: string, path: string, search: string): URL {
  if (!path.startsWith('/') || path.startsWith('//')) throw refuse('it must be a path, not a URL');
  if (/^\/*[a-z][a-z0-9+.-]*:/i.test(path) || path.includes('\\')) throw refuse('it must be a path, not a URL');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw refuse('it is not valid percent-encoding');
  }
  // Some servers read a backslash as a slash; no provider path needs one.
  if (decoded.includes('\\')) throw refuse('it must be a path, not a URL');
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) throw refuse('it climbs out of the base URL');
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const url = new URL(`${base.origin}${basePath}${path}${search}`);
  if (url.origin !== base.origin || !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))) {
    throw refuse('it leaves the base URL');
  }
  return url;
}
