import { canonical } from './canonical.ts';

/**
 * One logical tool call, however it was spelled: the tool and its arguments in canonical key order
 * with every scalar as text. Another key order is the same call, and so is a GET tool's query
 * string, whose values reach the service as text (`{"days":"23"}` for the model's `{"days":23}`).
 * Used wherever "the same call" is counted: by every checker, the bundled runtimes and explore.
 *
 * @example callKey('forecast', { stores: 10, days: 23 }) === callKey('forecast', { days: '23', stores: '10' })
 */
export function callKey(tool: string, args: unknown): string {
  return `${tool} ${canonical(asText(args))}`;
}

function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
  return value === undefined || value === null ? value : String(value);
}
