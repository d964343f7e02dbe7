/**
 * @module Per-connection hosts. A base URL or OAuth endpoint may name connection parameters in
 * its host (`https://{shop}.myshopify.com`). Every placeholder needs a host pattern declared in
 * the connector's `hostPatterns`, and a template resolves only when each value is lowercase
 * letters, digits, dots and hyphens and the resolved host matches, whole, the pattern of every
 * placeholder in it. Anything else never becomes a host, so no request is made: the SSRF
 * allow-list holds for hosts that differ per connection.
 */
import { ConnectorError } from '../errors.ts';

/** Host patterns by placeholder name: `{ shop: /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/ }`. */
export type HostPatterns = Readonly<Record<string, RegExp>>;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
// DNS labels only: no `/`, `#`, `@`, `:`, `%`, `\`, uppercase or non-ASCII can reach the URL parser.
const VALUE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/** The placeholder names in a template, in order (none for a plain URL). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** Whether `host` matches `pattern` as a whole, whatever its anchors and flags. */
function matchesWhole(pattern: RegExp, host: string): boolean {
  const once = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  const found = once.exec(host);
  return found !== null && found.index === 0 && found[0].length === host.length;
}

/** Why a template is declared wrongly (checked once, when the registry loads it), or undefined. */
export function templateProblem(template: string, patterns: HostPatterns | undefined, paramNames: readonly string[]): string | undefined {
  const names = placeholdersOf(template);
  if (names.length === 0) return undefined;
  const authority = /^https?:\/\/([^/?#]*)/i.exec(template)?.[1];
  if (authority === undefined) return `"${template}" must start with https:// or http://`;
  for (const name of names) {
    if (!authority.includes(`{${name}}`)) return `"${template}": {${name}} may only appear in the host`;
    if (!paramNames.includes(name)) return `"${template}": {${name}} is not one of connectionParams`;
    if (!(patterns && Object.hasOwn(patterns, name) && patterns[name] instanceof RegExp))
      return `"${template}": {${name}} has no host pattern in hostPatterns`;
  }
  return undefined;
}

/**
 * The URL for this connection's params, or a HOST_NOT_ALLOWED ConnectorError when a value is
 * missing or not a plain host name, or the resolved host does not match its declared pattern.
 *
 * @example
 * resolveHostTemplate('https://{shop}.myshopify.com', { shop: 'acme' }, { shop: /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/ })
 * // 'https://acme.myshopify.com'
 */
export function resolveHostTemplate(
  template: string,
  params: Readonly<Record<string, unknown>>,
  patterns: HostPatterns | undefined,
): string {
  const names = placeholdersOf(template);
  if (names.length === 0) return template;
  const refuse = (name: string) =>
    new ConnectorError('HOST_NOT_ALLOWED', `The connection parameter ${name} does not give an allowed host`, { path: `params.${name}` });
  const resolved = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (typeof value !== 'string' || !VALUE.test(value)) throw refuse(name);
    return value;
  });
  let url: URL;
  try {
    url = new URL(resolved);
  } catch {
    throw refuse(names[0] as string);
  }
  for (const name of names) {
    const pattern = patterns && Object.hasOwn(patterns, name) ? patterns[name] : undefined;
    if (!pattern || url.username || url.password || !matchesWhole(pattern, url.hostname)) throw refuse(name);
  }
  return resolved;
}

/** Whether any of these URLs is a template (its host depends on the connection). */
export function hasTemplates(urls: readonly (string | undefined)[]): boolean {
  return urls.some((u) => u !== undefined && placeholdersOf(u).length > 0);
}
