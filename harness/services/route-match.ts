import { match, type MatchFunction } from 'path-to-regexp';

/** Whether a route's URL has parameters (`/orders/:id`) or wildcards, so it must be matched rather than looked up. */
export const isPattern = (url: string): boolean => /\/:|\*/.test(new URL(url).pathname);

// Compiled once per pattern: a run matches every request against the same few routes.
const compiled = new Map<string, { origin: string; path: MatchFunction<Record<string, string | string[]>> }>();

/**
 * The path parameters of `url` if the route at `pattern` serves it; undefined if it does not.
 * Matched as MSW's `http` handlers match (path-to-regexp 6, MSW's own matcher: case-insensitive, a
 * trailing slash optional, `*` any run of characters, parameters URI-decoded), so a route serves
 * the same requests whether the run's fetch or MSW's interceptor answers them, without loading MSW.
 */
export function matchRoute(pattern: string, url: string): Record<string, string> | undefined {
  if (!isPattern(pattern)) return pattern === url.replace(/[?#].*$/, '') ? {} : undefined;
  let route = compiled.get(pattern);
  if (!route) {
    const { origin, pathname } = new URL(pattern);
    // MSW turns a wildcard into an unnamed group, and `:name*` into a repeated parameter.
    const path = decodeURI(pathname).replace(/([:a-zA-Z_-]*)(\*{1,2})+/g, (_, name: string, star: string) => (!name ? '(.*)' : name.startsWith(':') ? `${name}${star}` : `${name}(.*)`));
    compiled.set(pattern, (route = { origin, path: match(path, { decode: decodeURIComponent }) }));
  }
  const target = new URL(url);
  if (target.origin !== route.origin) return undefined;
  const found = route.path(target.pathname);
  return found ? Object.fromEntries(Object.entries(found.params).map(([k, v]) => [k, String(v)])) : undefined;
}
