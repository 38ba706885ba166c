import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { jsonOrText } from '../json-or-text.ts';

/** One recorded exchange, as nock's recorder writes it (`output_objects`): `nock.define()` loads these as they are. */
export type Interaction = {
  scope: string;
  method: string;
  path: string;
  body?: unknown;
  status: number;
  response?: unknown;
  rawHeaders?: Record<string, string> | string[];
  reqheaders?: Record<string, string>;
  responseIsBinary?: boolean;
};

export const CAPTURE_FORMAT = 'faultline.capture/1';

/** What `faultline capture` writes: the command it ran and every exchange, credentials stripped. */
export type Capture = { format: typeof CAPTURE_FORMAT; command: string; interactions: Interaction[] };

// Names (of headers, query parameters, body fields, environment variables) that carry a credential;
// the values found under them are also struck from every other place they appear.
const SECRET_NAME = /auth(?!ors?$)|cookie|api[-_]?key|(^|[-_.])key$|secret|token|passw|session|signature|credential|^sig$/i;
// What only looks like one: a key that names a request, not a caller.
const NOT_SECRET = /^(idempotency-key|x-idempotency-key)$/i;
const isSecretName = (name: string) => SECRET_NAME.test(name) && !NOT_SECRET.test(name);
const REDACTED = '[redacted]';

/**
 * The interactions with every credential gone, and the command that made them: credential headers
 * dropped (request and reply), credential query parameters, form fields and JSON fields blanked, a
 * `NAME=value` argument of the command with a credential's name blanked, and each value that was in
 * one struck wherever else it appears (a token echoed in a body). Compressed bodies are decoded first
 * (nock records them as hex chunks), so nothing hides in them. A capture is committed to the team's repository.
 */
export function stripCapture(command: string, recorded: Interaction[]): { command: string; interactions: Interaction[] } {
  const secrets = new Set<string>();
  const note = (value: string) => {
    for (const part of [value, value.replace(/^(bearer|basic|token)\s+/i, '')]) if (part.length >= 6) secrets.add(part);
  };
  const headers = (given: Interaction['rawHeaders']) => given && Object.fromEntries(headerPairs(given).filter(([name, value]) => !(isSecretName(name) && (note(String(value)), true))));
  const params = (query: URLSearchParams) => {
    for (const [name, value] of [...query]) if (isSecretName(name)) note(value), query.set(name, REDACTED);
    return query;
  };
  const fields = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fields);
    if (typeof value === 'string' && /^[\w.%+-]+=[^\s]*(&[\w.%+-]+=[^\s]*)*$/.test(value)) return params(new URLSearchParams(value)).toString();
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => (isSecretName(k) && typeof v === 'string' && v.length >= 6 ? (note(v), [k, REDACTED]) : [k, fields(v)])));
  };
  const stripped = recorded.map(decoded).map((i) => {
    const url = new URL(i.path, i.scope);
    params(url.searchParams);
    const { reqheaders, rawHeaders, body, response, ...rest } = i;
    return {
      ...rest,
      path: `${url.pathname}${url.search}`,
      ...(body === undefined ? {} : { body: fields(body) }),
      ...(response === undefined ? {} : { response: fields(response) }),
      ...(reqheaders ? { reqheaders: headers(reqheaders) as Record<string, string> } : {}),
      ...(rawHeaders ? { rawHeaders: headers(rawHeaders) } : {}),
    };
  });
  const words = command.split(' ').map((word) => {
    const [name, ...value] = word.split('=');
    return value.length && isSecretName(name!) ? (note(value.join('=')), `${name}=${REDACTED}`) : word;
  });
  const strike = (text: string) => [...secrets].sort((a, b) => b.length - a.length).reduce((t, s) => t.replaceAll(s, REDACTED), text);
  return { command: strike(words.join(' ')), interactions: stripped.map((i) => JSON.parse(strike(JSON.stringify(i))) as Interaction) };
}

/** An exchange whose reply was compressed, with its body decoded (JSON when it parses) and the encoding header gone. */
function decoded(i: Interaction): Interaction {
  const pairs = headerPairs(i.rawHeaders);
  const encoding = pairs.find(([name]) => name.toLowerCase() === 'content-encoding')?.[1]?.toLowerCase();
  const chunks = Array.isArray(i.response) ? i.response : typeof i.response === 'string' ? [i.response] : undefined;
  const inflate = encoding === 'gzip' ? gunzipSync : encoding === 'deflate' ? inflateSync : encoding === 'br' ? brotliDecompressSync : undefined;
  if (!inflate || !chunks?.every((c) => typeof c === 'string' && /^[0-9a-f]*$/i.test(c))) return i;
  const response = jsonOrText(inflate(Buffer.from(chunks.join(''), 'hex')).toString('utf8'));
  const kept = pairs.filter(([name]) => !/^content-(encoding|length)$/i.test(name));
  return { ...i, response, rawHeaders: Object.fromEntries(kept) };
}

/** A recorded exchange's headers as name-value pairs, whichever of nock's two forms they are in (an object, or a flat list). */
export function headerPairs(raw: Interaction['rawHeaders']): [string, string][] {
  if (!Array.isArray(raw)) return Object.entries(raw ?? {});
  const pairs: [string, string][] = [];
  for (let k = 0; k + 1 < raw.length; k += 2) pairs.push([raw[k]!, raw[k + 1]!]);
  return pairs;
}
