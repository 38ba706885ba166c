import { canonical } from '../../harness/canonical.ts';
import { isRetryableStatus } from '../../harness/status.ts';

/**
 * What a text that reached the model means, in the terms the agent contract uses: never one
 * runtime's wording or serialisation. Each judgment accepts JSON in any layout and plain words.
 */

// Said in words: retrying cannot help / retrying may help. Checked in this order ("do not retry" holds "retry").
const CANNOT_HELP = /\b(permanent(ly)?|not retryable|non-retryable|(do not|don['’]t|never|no) retry|will not succeed|won['’]t succeed|cannot succeed|(retrying|a retry|trying again) (will|would|can) ?not help|(do not|don['’]t) (call|try) (it|this|that) again)\b/i;
const MAY_HELP = /\b(transient|temporar(y|ily)|retryable|(retry|try again)( it)?( later| shortly| in a (moment|while))?|may succeed|might succeed|could succeed)\b/i;
// "HTTP 503", "status 404", "(503 Service Unavailable)".
const STATUS = /\b(?:HTTP|status(?: code)?)[\s:=(]*([1-5]\d\d)\b/i;

/**
 * Whether an error tells the model if retrying can help: `true` it may, `false` it cannot,
 * `undefined` it does not say. Read from a boolean `retryable` anywhere in a JSON body, else from
 * words (transient, try again later; permanent, do not retry), else from the HTTP status it names
 * (a `status` field or "HTTP 503"), classified by the one status table.
 */
export function retryabilityOf(text: string): boolean | undefined {
  const body = jsonIn(text);
  const flag = body === undefined ? undefined : findField(body, 'retryable', (v) => typeof v === 'boolean');
  if (typeof flag === 'boolean') return flag;
  if (CANNOT_HELP.test(text)) return false;
  if (MAY_HELP.test(text)) return true;
  const status = Number((body === undefined ? undefined : findField(body, 'status', (v) => typeof v === 'number')) ?? STATUS.exec(text)?.[1]);
  return Number.isInteger(status) && status >= 400 ? isRetryableStatus(status) : undefined;
}

/** Whether a text tells the model not to call (or retry) something again, in any wording. */
export function saysNotAgain(text: string): boolean {
  return /\b(do not|don['’]t|never|stop|must not|mustn['’]t|should not|shouldn['’]t|no need to)\b[^.!?\n]{0,30}\b(re-?try|retrying|call|calling|use|using|invoke|invoking|try|trying)\b/i.test(text) || retryabilityOf(text) === false;
}

/**
 * Whether `text` carries the reply `body` rather than one of `others` (the replies to the calls
 * around it): JSON in any layout, with any prefix or suffix, compares by value; prose by the values
 * only this reply has. `undefined` when the text cannot tell (prose naming no such value).
 */
export function carriesReply(text: string, body: unknown, others: readonly unknown[]): boolean | undefined {
  const parsed = jsonIn(text);
  if (parsed !== undefined) return canonical(parsed) === canonical(body);
  const own = distinctive(body, others);
  if (own.some((v) => text.includes(v))) return true;
  return others.some((other) => distinctive(other, [body, ...others.filter((o) => o !== other)]).some((v) => text.includes(v))) ? false : undefined;
}

/** The JSON value a text holds: the whole text, or its span from the first `{` or `[` to the last `}` or `]`. */
export function jsonIn(text: string): unknown {
  for (const candidate of [text, text.slice(Math.min(...['{', '['].map((c) => text.indexOf(c)).filter((i) => i >= 0)), Math.max(text.lastIndexOf('}'), text.lastIndexOf(']')) + 1)]) {
    try {
      const value = JSON.parse(candidate) as unknown;
      if (value !== null && typeof value === 'object') return value;
    } catch {
      // Not JSON: try the next reading.
    }
  }
  return undefined;
}

function findField(value: unknown, name: string, accept: (v: unknown) => boolean): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (name in record && accept(record[name])) return record[name];
  for (const child of Object.values(record)) {
    const found = findField(child, name, accept);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The scalar values (as text, 3 characters or more) of `body` that none of `others` holds. */
function distinctive(body: unknown, others: readonly unknown[]): string[] {
  const theirs = new Set(others.flatMap(leaves));
  return leaves(body).filter((v) => v.length >= 3 && !theirs.has(v));
}

function leaves(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return value === null || value === undefined ? [] : [String(value)];
}
