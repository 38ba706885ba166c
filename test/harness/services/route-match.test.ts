import fc from 'fast-check';
import { matchRequestUrl } from 'msw';
import { describe, expect, it } from 'vitest';
import { isPattern, matchRoute } from '../../../harness/services/route-match.ts';

// The run's fetch matches routes without MSW; MSW's handlers serve the same routes to clients past
// that fetch. Both must pick the same requests with the same parameters.
const viaMsw = (pattern: string, url: string) => {
  const found = matchRequestUrl(new URL(url), pattern);
  return found.matches ? Object.fromEntries(Object.entries(found.params ?? {}).map(([k, v]) => [k, String(v)])) : undefined;
};

/** matchRoute answers as MSW does for `pattern` and `url`: the same parameters, or a throw where MSW throws. Returns MSW's answer (its error, if it threw). */
function expectAsMsw(pattern: string, url: string): unknown {
  let expected: unknown;
  try {
    expected = viaMsw(pattern, url);
  } catch (error) {
    expect(() => matchRoute(pattern, url), `${pattern} ${url}`).toThrow();
    return error;
  }
  expect(matchRoute(pattern, url), `${pattern} ${url}`).toEqual(expected);
  return expected;
}

const PATTERNS = ['https://orders.example.com/orders/:id', 'https://orders.example.com/orders/:id/refunds', 'https://files.example.com/files/*', 'https://a.example.com/v1/:kind/:id', 'https://a.example.com/x/:rest*'];

describe('matchRoute', () => {
  it('serves what MSW would serve, with the same parameters', () => {
    const cases: Array<[string, string]> = [
      [PATTERNS[0]!, 'https://orders.example.com/orders/o-1'],
      [PATTERNS[0]!, 'https://orders.example.com/orders/o-1/'],
      [PATTERNS[0]!, 'https://orders.example.com/Orders/o-1?x=1#h'],
      [PATTERNS[0]!, 'https://orders.example.com/orders/a%20b'],
      [PATTERNS[0]!, 'https://orders.example.com/orders/'],
      [PATTERNS[0]!, 'https://other.example.com/orders/o-1'],
      [PATTERNS[1]!, 'https://orders.example.com/orders/o-1/refunds'],
      [PATTERNS[2]!, 'https://files.example.com/files/a/b/c.txt'],
      [PATTERNS[3]!, 'https://a.example.com/v1/users/42'],
      [PATTERNS[4]!, 'https://a.example.com/x/1/2/3'],
    ];
    for (const [pattern, url] of cases) expect(`${url} ${JSON.stringify(matchRoute(pattern, url))}`).toBe(`${url} ${JSON.stringify(viaMsw(pattern, url))}`);
  });

  it('matches as MSW does where a pattern is unusual: optional, escaped, ported, dotted, wildcard hosts', () => {
    const cases: Array<[string, string]> = [
      ['https://a.example.com/orders/:id?', 'https://a.example.com/orders'],
      ['https://a.example.com/my%20files/:id', 'https://a.example.com/my%20files/1'],
      ['https://a.example.com/items/:id/rev:2', 'https://a.example.com/items/1/rev:2'],
      ['https://*.svc.test/orders/:id', 'https://api.svc.test/orders/1'],
      ['https://svc.test:443/orders/:id', 'https://svc.test/orders/1'],
      ['https://svc.test:8443/orders/:id', 'https://svc.test:8443/orders/1'],
      ['https://a.example.com/a/../b/:id', 'https://a.example.com/b/1'],
      ['https://a.example.com/status', 'https://a.example.com/Status/'],
      ['https://a.example.com/status', 'https://a.example.com/statuses'],
    ];
    for (const [pattern, url] of cases) expect(`${pattern} ${url} ${JSON.stringify(matchRoute(pattern, url))}`).toBe(`${pattern} ${url} ${JSON.stringify(viaMsw(pattern, url))}`);
  });

  it('throws where MSW throws, for patterns it cannot compile, and only there', () => {
    for (const pattern of ['https://a.example.com/files/:', 'https://a.example.com/files/(x']) expect(expectAsMsw(pattern, 'https://a.example.com/files/foo:bar')).toBeInstanceOf(Error);
    for (const pattern of ['https://a.example.com/files/foo:*', 'https://a.example.com/x/%E0%A4%A/:id']) expect(expectAsMsw(pattern, 'https://a.example.com/files/foo:bar')).not.toBeInstanceOf(Error);
  });

  it('agrees with MSW on random patterns and paths', () => {
    const segment = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._~-]{1,5}$/), fc.constantFrom(':id', ':id?', ':rest*', '*', '%20', 'a%2Fb', '..', 'x:1'));
    fc.assert(
      fc.property(
        fc.constantFrom('https://a.example.com', 'https://a.example.com:8443', 'https://*.example.com'),
        fc.array(segment, { maxLength: 4 }),
        fc.array(fc.stringMatching(/^[A-Za-z0-9._%-]{0,5}$/), { maxLength: 4 }),
        fc.boolean(),
        (origin, parts, path, slash) => {
          const pattern = `${origin}/${parts.join('/')}`;
          expectAsMsw(pattern, `${origin.replace('*', 'api')}/${path.join('/')}${slash ? '/' : ''}`);
        },
      ),
    );
  });

  it('agrees with MSW on random paths under each route', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._~%-]{0,6}$/);
    let matched = 0;
    fc.assert(
      fc.property(fc.constantFrom(...PATTERNS), fc.array(segment, { maxLength: 4 }), fc.boolean(), (pattern, segments, slash) => {
        // Under the route's first segment, so that many paths are served.
        const { origin, pathname } = new URL(pattern);
        const url = `${origin}/${[pathname.split('/')[1], ...segments].join('/')}${slash ? '/' : ''}`;
        const expected = expectAsMsw(pattern, url);
        if (expected && !(expected instanceof Error)) matched++;
      }),
    );
    expect(matched).toBeGreaterThan(10);
  });

  it('matches a route without parameters ignoring the query', () => {
    expect(isPattern('https://a.example.com/orders')).toBe(false);
    expect(matchRoute('https://a.example.com/orders', 'https://a.example.com/orders?page=2')).toEqual({});
    expect(matchRoute('https://a.example.com/orders', 'https://a.example.com/orders/1')).toBeUndefined();
  });
});
