import { describe, expect, it } from 'vitest';
import { directFetch } from '../../../harness/runner/direct-fetch.ts';
import type { ServedRoute } from '../../../harness/services/serve.ts';

const route = (method: ServedRoute['method'], url: string, body: string): ServedRoute => ({ method, url, handle: async (_request, params = {}) => Response.json({ body, params }) });
const refused = async () => {
  throw new TypeError('refused');
};

describe('directFetch', () => {
  const fetch = directFetch([route('GET', 'https://a.example.com/status', 'status'), route('GET', 'https://a.example.com/orders/:id', 'order'), route('GET', 'https://a.example.com/orders/summary', 'summary')], refused);

  it('serves an exact route before a pattern that also matches, as MSW orders them', async () => {
    expect(await (await fetch('https://a.example.com/orders/summary')).json()).toEqual({ body: 'summary', params: {} });
    expect(await (await fetch('https://a.example.com/orders/o-1?x=1')).json()).toEqual({ body: 'order', params: { id: 'o-1' } });
  });

  it('serves an exact route as MSW matches it (case, a trailing slash), not only when the URL is spelled as the route', async () => {
    expect(await (await fetch('https://a.example.com/Status/')).json()).toEqual({ body: 'status', params: {} });
    await expect(fetch('https://a.example.com/statuses')).rejects.toThrow('refused');
  });

  it('fails a request with a rejection, never synchronously, when a route pattern cannot be compiled', async () => {
    const broken = directFetch([route('GET', 'https://a.example.com/files/foo:*', 'x')], refused);
    let pending: Promise<Response> | undefined;
    expect(() => (pending = broken('https://a.example.com/other'))).not.toThrow();
    await expect(pending).rejects.toThrow();
  });
});
