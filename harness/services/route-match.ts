import { match, type MatchFunction } from 'path-to-regexp';

/** Whether a route's URL has parameters (`/orders/:id`) or wildcards, so it must be matched rather than looked up. */
export const isPattern = (url: string): boolean => /\/:|\*/.test(new URL(url).pathname);

/** Routes in the order MSW matches them (serviceHandlers, directFetch): exact URLs first, so `/invoices/summary` before `/invoices/:id`. */
export const inMatchOrder = <R extends { url: string }>(routes: readonly R[]): R[] => [...routes.filter((r) => !isPattern(r.url)), ...routes.filter((r) => isPattern(r.url))];

type Matcher = MatchFunction<Record<string, string | string[]>>;
// Compiled once per pattern (or the error compiling it gave): a run matches every request against the same few routes.
const compiled = new Map<string, Matcher | Error>();

/**
 * The path parameters of `url` if the route at `pattern` serves it; undefined if it does not.
 * Matched as MSW's `http` handlers match (its matchRequestUrl, ported: path-to-regexp 6 over the
 * pattern without its query, `*` any run of characters, a `:` of a port or a scheme escaped;
 * case-insensitive, a trailing slash optional, parameters URI-decoded), so a route serves the same
 * requests whether the run's fetch or MSW's interceptor answers them, without loading MSW. A pattern
 * path-to-regexp cannot compile throws, as MSW's handler does.
 */
export function matchRoute(pattern: string, url: string): Record<string, string> | undefined {
  let matcher = compiled.get(pattern);
  if (!matcher) compiled.set(pattern, (matcher = compile(pattern)));
  if (matcher instanceof Error) throw matcher;
  const { origin, pathname } = new URL(url);
  const found = matcher(`${origin}${pathname}`);
  return found ? Object.fromEntries(Object.entries(found.params).map(([k, v]) => [k, String(v)])) : undefined;
}

function compile(pattern: string): Matcher | Error {
  // A pattern ending in `?` keeps it: an optional last parameter, not an empty query.
  const clean = pattern.endsWith('?') ? pattern : pattern.replace(/[?|#].*$/g, '');
  const coerced = clean
    .replace(/([:a-zA-Z_-]*)(\*{1,2})+/g, (_, name: string, star: string) => (!name ? '(.*)' : name.startsWith(':') ? `${name}${star}` : `${name}(.*)`))
    .replace(/([^/])(:)(?=(?:\d+|\(\.\*\))(?=\/|$))/, '$1\\$2')
    .replace(/^([^/]+)(:)(?=\/\/)/, '$1\\$2');
  try {
    return match(coerced, { decode: decodeURIComponent });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
