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

// Headers that carry a credential; their values are also struck from every other place they appear.
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-access-token)$|token|secret|password/i;
// Query parameters that carry one.
const SECRET_PARAM = /token|secret|password|api[-_]?key|^key$|^sig(nature)?$/i;
export const REDACTED = '[redacted]';

/**
 * The interactions with every credential gone: credential headers dropped (request and reply),
 * credential query parameters blanked, and each value that was in one struck wherever else it
 * appears (a token echoed in a body). A capture is committed to the team's repository.
 */
export function stripCredentials(interactions: Interaction[]): Interaction[] {
  const secrets = new Set<string>();
  const note = (value: string) => {
    for (const part of [value, value.replace(/^(bearer|basic|token)\s+/i, '')]) if (part.length >= 6) secrets.add(part);
  };
  const headers = (given: Interaction['rawHeaders']) => {
    if (!given) return given;
    const pairs = Array.isArray(given) ? pairsOf(given) : Object.entries(given);
    return Object.fromEntries(pairs.filter(([name, value]) => !(SECRET_HEADER.test(name) && (note(String(value)), true))));
  };
  const stripped = interactions.map((i) => {
    const url = new URL(i.path, i.scope);
    for (const [name, value] of [...url.searchParams]) if (SECRET_PARAM.test(name)) (note(value), url.searchParams.set(name, REDACTED));
    const { reqheaders, rawHeaders, ...rest } = i;
    return { ...rest, path: `${url.pathname}${url.search}`, ...(reqheaders ? { reqheaders: headers(reqheaders) as Record<string, string> } : {}), ...(rawHeaders ? { rawHeaders: headers(rawHeaders) } : {}) };
  });
  if (!secrets.size) return stripped;
  const strike = (text: string) => [...secrets].reduce((t, s) => t.replaceAll(s, REDACTED), text);
  return stripped.map((i) => JSON.parse(strike(JSON.stringify(i))) as Interaction);
}

function pairsOf(flat: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let k = 0; k + 1 < flat.length; k += 2) pairs.push([flat[k]!, flat[k + 1]!]);
  return pairs;
}
