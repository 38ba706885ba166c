import { canonical } from './canonical.ts';

/**
 * One logical tool call, however it was spelled: the tool and its arguments in canonical key
 * order, so another key order is the same call. A GET tool's arguments reach its service as a
 * query string, every value text: with `asQuery`, scalars compare as text (`{"days":"23"}` is the
 * model's `{"days":23}`). A JSON body keeps its types: `{"qty":"10"}` and `{"qty":10}` are two calls.
 * Used wherever "the same call" is counted: by every checker, the bundled runtimes and the scripted model.
 *
 * @example callKey('forecast', { stores: 10, days: 23 }) === callKey('forecast', { days: 23, stores: 10 })
 */
export function callKey(tool: string, args: unknown, asQuery = false): string {
  return `${tool} ${canonical(asQuery ? asText(args) : args)}`;
}

/** `callKey` for the tools of one deployment: each GET tool's calls compare as its query string carries them. */
export function callKeys(tools: ReadonlyArray<{ name: string; endpoint: { method: string } }>): (tool: string, args: unknown) => string {
  const viaQuery = new Set(tools.filter((t) => t.endpoint.method === 'GET').map((t) => t.name));
  return (tool, args) => callKey(tool, args, viaQuery.has(tool));
}

function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
  return value === undefined || value === null ? value : String(value);
}
