import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stripCapture, type Interaction } from '../../../harness/capture/format.ts';

const exchange = (over: Partial<Interaction>): Interaction => ({ scope: 'https://api.example', method: 'GET', path: '/x', status: 200, response: {}, ...over });
const strip = (interactions: Interaction[], command = 'node tools.mjs') => stripCapture(command, interactions);

describe('stripCapture', () => {
  it('drops credential headers of the request and the reply, in both of nock’s header forms, keeping an idempotency key', () => {
    const [stripped] = strip([
      exchange({
        reqheaders: { authorization: 'Bearer tok_123456', apikey: 'supa_abcdef', 'x-goog-api-key': 'goog_abcdef', 'x-shop-key': 'shop_abcdef', 'idempotency-key': 'k-1', accept: 'application/json' },
        rawHeaders: ['Set-Cookie', 'sid=cookie_987654', 'X-Request-Id', 'rq_1'],
      }),
    ]).interactions;
    expect(stripped!.reqheaders).toEqual({ 'idempotency-key': 'k-1', accept: 'application/json' });
    expect(stripped!.rawHeaders).toEqual({ 'X-Request-Id': 'rq_1' });
  });

  it('blanks credential query parameters, JSON and form fields, and strikes every value it removed wherever else it appears', () => {
    const [a, b, c] = strip([
      exchange({ path: '/search?q=peas&api_key=key_abcdef&X-Amz-Signature=amzsig_123', response: { echoed: 'key_abcdef', author: 'Ada Park' } }),
      exchange({ method: 'POST', path: '/login', body: { note: 'my token is tok_123456' }, reqheaders: { authorization: 'Bearer tok_123456' } }),
      exchange({ method: 'POST', path: '/oauth/token', body: 'grant_type=client_credentials&client_secret=cs_live_999999', response: { access_token: 'at_live_888888', expires_in: 3600 } }),
    ]).interactions;
    expect(a!.path).toBe('/search?q=peas&api_key=%5Bredacted%5D&X-Amz-Signature=%5Bredacted%5D');
    expect(a!.response).toEqual({ echoed: '[redacted]', author: 'Ada Park' });
    expect(b!.body).toEqual({ note: 'my token is [redacted]' });
    expect(c!.body).toBe('grant_type=client_credentials&client_secret=%5Bredacted%5D');
    expect(c!.response).toEqual({ access_token: '[redacted]', expires_in: 3600 });
  });

  it('decodes a compressed reply (nock records it as hex chunks) before striking, and drops its encoding', () => {
    const body = gzipSync(JSON.stringify({ seen_by: 'Bearer tok_123456', ok: true })).toString('hex');
    const [i] = strip([exchange({ reqheaders: { authorization: 'Bearer tok_123456' }, rawHeaders: { 'content-encoding': 'gzip', 'x-request-id': 'rq_1' }, response: [body] })]).interactions;
    expect(i!.response).toEqual({ seen_by: '[redacted]', ok: true });
    expect(i!.rawHeaders).toEqual({ 'x-request-id': 'rq_1' });
  });

  it('blanks a credential in the command, and any value struck elsewhere', () => {
    const { command } = strip([exchange({ reqheaders: { authorization: 'Bearer tok_123456' } })], 'env SHOP_TOKEN=shop_tok_LIVE_1 node tools.mjs --auth tok_123456');
    expect(command).toBe('env SHOP_TOKEN=[redacted] node tools.mjs --auth [redacted]');
  });

  it('leaves an exchange with no credential as it was', () => {
    const plain = exchange({ path: '/orders?sku=A1', reqheaders: { 'idempotency-key': 'k-1' }, response: { ok: true } });
    expect(strip([plain])).toEqual({ command: 'node tools.mjs', interactions: [plain] });
  });
});
