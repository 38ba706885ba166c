/**
 * The last line of defence of every report. The world registers its own credentials with the
 * history (harness/history.ts), but a check's message or evidence is computed from the events
 * before that redaction, and a scenario's text or an agent's own credentials were never registered.
 * So every report, and every history file written beside it, also loses:
 * - the harness's credentials by shape (`sk-ant-sim-…` API keys, `obo_…` user tokens, `svc_…` service tokens),
 * - well-known credential shapes (Anthropic, GitHub, Slack, AWS keys, JWTs),
 * - the value of a `Bearer …` token and of an `Authorization` / `X-Api-Key` header, in text or as an object key.
 * A secret with no recognisable shape (a password in a scenario's task text) cannot be found: keep
 * such values out of scenarios.
 */
export const REDACTED = '[redacted]';

const shapes: RegExp[] = [
  /sk-ant-[A-Za-z0-9_-]{8,}/g,
  /\b(?:obo|svc)_[A-Za-z0-9]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];
// A token has a digit or is long; "bearer credential" in prose is left alone.
const bearer = /\b(Bearer\s+)(?!\[redacted\])(?:(?=[\w.~+/=-]*\d)[\w.~+/=-]{8,}|[\w.~+/=-]{20,})/gi;
// `Authorization: Basic …`, `"x-api-key":"…"`, `authorization=…`, also inside JSON-escaped text.
const header = /\b((?:proxy-)?authorization|x-api-key)(\\?["']?\s*[:=]\s*\\?["']?)(?!(?:(?:Bearer|Basic|Digest|Token)\s+)?\[redacted\])(?:(Bearer|Basic|Digest|Token)\s+)?([^\s"'\\,;}]+)/gi;
const sensitiveKey = /^(?:(?:proxy-)?authorization|x-api-key|api[-_]?key|access[-_]?token|refresh[-_]?token|password|secret|client[-_]?secret)$/i;
// Cheap test before the work: most texts hold none of these.
const suspect = /sk-ant-|obo_|svc_|gh[pousr]_|xox[abprs]-|AKIA|eyJ|bearer|authorization|api[-_]?key|access[-_]?token|password|secret/i;

/** `text` with every credential-shaped string replaced by `[redacted]`. */
export function redactText(text: string): string {
  if (!suspect.test(text)) return text;
  let out = text;
  for (const shape of shapes) out = out.replace(shape, REDACTED);
  out = out.replace(bearer, `$1${REDACTED}`);
  return out.replace(header, (_all, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ? `${scheme} ` : ''}${REDACTED}`);
}

/** A deep copy of `value` with every string redacted and the value of every credential-named key replaced. */
export function redactDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sensitiveKey.test(k) && v !== null && v !== undefined && typeof v !== 'object' ? REDACTED : walk(v)]));
  }
  return value;
}

/**
 * A serialised history (JSONL) with credentials redacted. Lines that need it are parsed and
 * redacted as data, so a header kept as an object key is found too; the others stay byte-identical.
 */
export function redactHistory(text: string): string {
  if (!suspect.test(text)) return text;
  return text
    .split('\n')
    .map((line) => {
      if (!line || !suspect.test(line)) return line;
      try {
        return JSON.stringify(redactDeep(JSON.parse(line)));
      } catch {
        return redactText(line);
      }
    })
    .join('\n');
}
