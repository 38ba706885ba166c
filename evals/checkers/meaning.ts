import { canonical } from '../../harness/canonical.ts';
import { isRetryableStatus } from '../../harness/status.ts';

/**
 * What a text that reached the model means, in the terms the agent contract uses: never one
 * runtime's wording or serialisation. Each judgment accepts JSON in any layout and plain words.
 */

// Said in words: retrying cannot help / may help. Checked in this order ("do not retry" holds "retry"),
// and only as phrases: a bare "retry" (in "retry 1 of 1" or a URL) says neither.
const CANNOT_HELP =
  /\b(permanent(ly)?|not retryable|non-retryable|(do not|don['’]t|never) (re-?try|try again)|(will not|won['’]t|cannot|can['’]t) succeed|(retrying|a retry|trying again|calling it again) (will|would|can) ?(not|never) (help|succeed|work)|(retrying|a retry|trying again|calling it again) will (fail|not work))\b/i;
const MAY_HELP =
  /\b(transient|temporar(y|ily)|retryable|(re-?try|try again) (later|shortly|soon|in a (moment|while|few)|after)|(retrying|trying again|a retry)( later)? (may|might|could|should) (succeed|work|help)|(may|might|could) succeed|timed out|time-?out)\b/i;
// "HTTP 503", "status 404", "status code: 429", or a status with its reason phrase: "503 Service Unavailable".
const STATUS =
  /\b(?:HTTP|status(?: code)?)[\s:=(]*([1-5]\d\d)\b|\b([45]\d\d)\s+(?:Bad Request|Unauthorized|Payment Required|Forbidden|Not Found|Method Not Allowed|Request Timeout|Conflict|Gone|Unprocessable|Too Early|Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout|Overloaded)/i;

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
  const named = STATUS.exec(text);
  const status = Number((body === undefined ? undefined : findField(body, 'status', (v) => typeof v === 'number')) ?? named?.[1] ?? named?.[2]);
  return Number.isInteger(status) && status >= 400 ? isRetryableStatus(status) : undefined;
}

// A negation right before the verb ("don't call", "never use", "stop calling"; not "don't worry, …
// try again"), a retry that will fail, or a tool that never will exist.
const NOT_AGAIN =
  /\b(do not|don['’]t|never|stop|must not|mustn['’]t|should not|shouldn['’]t)\s+(call|use|invoke|try|retry|re-try)(ing)?\b|\b(again|retrying)\b[^.!?,;\n]{0,20}\bwill (always |just )?(fail|not (work|succeed|help))\b|\bnever will (be|exist|work)\b/i;

/** Whether a text tells the model not to call (or retry) something again, in any wording. */
export function saysNotAgain(text: string): boolean {
  return NOT_AGAIN.test(text) || retryabilityOf(text) === false;
}

/**
 * Whether `text` carries the reply `body` rather than one of `others` (the replies to the calls
 * around it): JSON in any layout, wrapped in words or in an envelope of the runtime's own
 * (`{"ok":true,"data":…}`), compares by value; prose by the values only one reply holds, as whole
 * words. A text that also holds another call's reply does not carry its own. `undefined` when it
 * cannot tell (prose naming no such value).
 */
export function carriesReply(text: string, body: unknown, others: readonly unknown[]): boolean | undefined {
  const parsed = jsonIn(text);
  if (parsed !== undefined) {
    const parts = partsOf(parsed);
    const holds = (target: unknown) => parts.has(canonical(target));
    return holds(body) && !others.some(holds);
  }
  if (others.some((other) => distinctive(other, [body, ...others.filter((o) => o !== other)]).some((v) => mentions(text, v)))) return false;
  return distinctive(body, others).some((v) => mentions(text, v)) ? true : undefined;
}

/**
 * `value` and every part of it, at any depth, as canonical JSON: what a target equals when the
 * value "holds" it. Worked out once per text (comparing each target anew re-serialised every part
 * for every reply compared, 7 % of a reordered-parallel run's CPU).
 */
function partsOf(value: unknown, into = new Set<string | undefined>()): Set<string | undefined> {
  into.add(canonical(value));
  if (value !== null && typeof value === 'object') for (const child of Object.values(value)) partsOf(child, into);
  return into;
}

/** `value` as a whole word of `text`: "C-1" is not in "C-12". */
function mentions(text: string, value: string): boolean {
  return new RegExp(`(?<![\\w-])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text);
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

const WORD = /[\p{L}\p{N}]/u;

/** `text` states `phrase` as a whole: "2,300 case packs" is not stated by "12,300 case packs", nor "120.5" by "120.57" or "1,120.5". */
export function states(text: string, phrase: string): boolean {
  for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1)) if (!continues(phrase.at(0) ?? '', text, i - 1, -1) && !continues(phrase.at(-1) ?? '', text, i + phrase.length, 1)) return true;
  return false;
}

/** Whether the text at `i` (read in direction `step`) runs on from the phrase's edge character: a word, or a number's digits. */
function continues(edge: string, text: string, i: number, step: 1 | -1): boolean {
  const next = text[i] ?? '';
  if (!WORD.test(edge)) return false;
  return WORD.test(next) || (/\d/.test(edge) && /[.,]/.test(next) && /\d/.test(text[i + step] ?? ''));
}
