import { API_VERSIONS, type ApiVersion } from './validate.ts';

/**
 * What every endpoint checks first, as the real API does: the key (the run's own), then an
 * `anthropic-version` header naming a version the API answers.
 */
export function checkHeaders(headers: Headers, apiKey: string): { version: ApiVersion } | { status: number; message: string } {
  const key = headers.get('x-api-key') ?? headers.get('authorization')?.replace(/^Bearer\s+/i, '');
  if (key !== apiKey) return { status: 401, message: 'invalid x-api-key' };
  const version = headers.get('anthropic-version');
  if (version === null) return { status: 400, message: 'anthropic-version: header is required' };
  if (!(API_VERSIONS as readonly string[]).includes(version)) return { status: 400, message: `anthropic-version: invalid version '${version}'; supported: ${API_VERSIONS.join(', ')}` };
  return { version: version as ApiVersion };
}
