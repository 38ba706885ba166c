import type { World } from '../world.ts';
import { apiError, ContractError } from './errors.ts';
import { inputTokensOf } from './finish.ts';
import { checkHeaders } from './headers.ts';
import type { ModelCatalogue } from './models.ts';
import { validateRequest } from './validate.ts';
import { portablePaths } from '../portable-paths.ts';

/**
 * The endpoints beside `POST /v1/messages` that a client may call on its way: counting a request's
 * input tokens and listing or looking up models. They answer from the request alone (no model, no
 * latency, no faults), with the same key, version and error rules; null for any other request.
 */
export function sideEndpoint(world: World, catalogue: ModelCatalogue): (request: Request) => Promise<Response> | null {
  return (request) => {
    const url = new URL(request.url);
    const route =
      request.method === 'POST' && url.pathname === '/v1/messages/count_tokens'
        ? countTokens
        : request.method === 'GET' && url.pathname === '/v1/models'
          ? () => catalogue.list(url.searchParams)
          : request.method === 'GET' && url.pathname.startsWith('/v1/models/')
            ? () => catalogue.retrieve(decodeURIComponent(url.pathname.slice('/v1/models/'.length)))
            : null;
    return route && serve(world, request, route);
  };

  async function countTokens(request: Request, version: Parameters<typeof validateRequest>[1]) {
    let body: unknown;
    try {
      // Counted as the Messages API counts it: with the project's folder written <project>/.
      body = JSON.parse(portablePaths(await request.text()));
    } catch {
      throw new ContractError(400, 'The request body is not valid JSON.');
    }
    validateRequest(body, version, 'count');
    catalogue.resolve(body.model);
    return { input_tokens: inputTokensOf(body) };
  }
}

async function serve(world: World, request: Request, route: (request: Request, version: Parameters<typeof validateRequest>[1]) => unknown): Promise<Response> {
  const requestId = world.ids.id('req_', 24);
  const checked = checkHeaders(request.headers, world.apiKey);
  if ('status' in checked) return apiError({ status: checked.status, message: checked.message, requestId });
  try {
    const body = await route(request, checked.version);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', 'request-id': requestId } });
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    return apiError({ status: error.status, message: error.message, requestId });
  }
}
