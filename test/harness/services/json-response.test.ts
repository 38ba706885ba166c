import fc from 'fast-check';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../../../harness/services/json-response.ts';

// A service's reply reaches an agent through the run's fetch as it did through MSW: the same
// status, status text, headers and body bytes, and no body where fetch allows none.
const seen = async (response: Response) => ({
  status: response.status,
  statusText: response.statusText,
  headers: [...response.headers],
  body: response.body === null ? null : await response.text(),
});

describe('jsonResponse', () => {
  it('is what HttpResponse.json gives, for every status and any JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.option(fc.jsonValue(), { nil: undefined }),
        fc.option(
          fc.dictionary(
            fc.constantFrom('x-request-id', 'retry-after', 'content-type'),
            fc.string({ maxLength: 8 }).map((v) => v.replace(/[^\x20-\x7e]/g, '')),
          ),
          { nil: undefined },
        ),
        async (status, body, headers) => {
          expect(await seen(jsonResponse(body, status, headers))).toEqual(await seen(HttpResponse.json(body as never, { status, ...(headers ? { headers } : {}) })));
        },
      ),
    );
  });

  it('answers a 204 or an undefined body with no body at all', async () => {
    expect(jsonResponse(null, 204).body).toBeNull();
    expect(jsonResponse(undefined, 200).body).toBeNull();
    expect(await seen(jsonResponse({ gone: true }, 404))).toMatchObject({ status: 404, statusText: 'Not Found', body: '{"gone":true}' });
  });
});
