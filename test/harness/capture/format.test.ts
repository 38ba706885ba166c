import { describe, expect, it } from 'vitest';
import { stripCredentials, type Interaction } from '../../../harness/capture/format.ts';

const exchange = (over: Partial<Interaction>): Interaction => ({ scope: 'https://api.example', method: 'GET', path: '/x', status: 200, response: {}, ...over });

describe('stripCredentials', () => {
  it('drops credential headers of the request and the reply, in both of nock’s header forms', () => {
    const [stripped] = stripCredentials([
      exchange({ reqheaders: { authorization: 'Bearer tok_123456', 'x-api-key': 'key_abcdef', accept: 'application/json' }, rawHeaders: ['Set-Cookie', 'sid=cookie_987654', 'X-Request-Id', 'rq_1'] }),
    ]);
    expect(stripped!.reqheaders).toEqual({ accept: 'application/json' });
    expect(stripped!.rawHeaders).toEqual({ 'X-Request-Id': 'rq_1' });
  });

  it('blanks credential query parameters and strikes every value it removed wherever else it appears', () => {
    const [a, b] = stripCredentials([
      exchange({ path: '/search?q=peas&api_key=key_abcdef', response: { echoed: 'key_abcdef' } }),
      exchange({ method: 'POST', path: '/login', body: { note: 'my token is tok_123456' }, reqheaders: { authorization: 'Bearer tok_123456' } }),
    ]);
    expect(a!.path).toBe('/search?q=peas&api_key=%5Bredacted%5D');
    expect(a!.response).toEqual({ echoed: '[redacted]' });
    expect(b!.body).toEqual({ note: 'my token is [redacted]' });
  });

  it('leaves an exchange with no credential as it was', () => {
    const plain = exchange({ path: '/orders?sku=A1', reqheaders: { 'idempotency-key': 'k-1' }, response: { ok: true } });
    expect(stripCredentials([plain])).toEqual([plain]);
  });
});
