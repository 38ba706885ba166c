/** Code written into a generated file as it is (a reference to the tools module: `tools.refund_order`). */
export class Code {
  constructor(readonly text: string) {}
}

/** The key of an object whose value is spread into it first: `{ ...tools.lookup_order, responseSchema: … }`. */
export const SPREAD = '...';

const WIDTH = 130;

/**
 * A value as TypeScript source a person reads and edits: single-quoted strings, bare keys where
 * they are identifiers, on one line when it fits and one entry a line (with trailing commas) when
 * not. Deterministic: the same value always prints the same text.
 *
 * @example literal({ order_id: 'o-1001', amount_cents: 37 }) // "{ order_id: 'o-1001', amount_cents: 37 }"
 */
export function literal(value: unknown, indent = 0, column = indent): string {
  const inline = oneLine(value);
  if (column + inline.length <= WIDTH || !isComposite(value)) return inline;
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(value)) return `[\n${value.map((v) => `${pad}${literal(v, indent + 2)},\n`).join('')}${' '.repeat(indent)}]`;
  const lines = Object.entries(value as Record<string, unknown>).map(([k, v]) => (k === SPREAD ? `${pad}...${(v as Code).text},\n` : `${pad}${key(k)}: ${literal(v, indent + 2, indent + 4 + key(k).length)},\n`));
  return `{\n${lines.join('')}${' '.repeat(indent)}}`;
}

function oneLine(value: unknown): string {
  if (value instanceof Code) return value.text;
  if (typeof value === 'string') return quote(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => (k === SPREAD ? `...${(v as Code).text}` : `${key(k)}: ${oneLine(v)}`));
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return String(value);
}

const isComposite = (value: unknown) => value !== null && typeof value === 'object' && !(value instanceof Code) && Object.keys(value).length > 0;

/** A string in single quotes, or double ones when it holds a ' and no ", escaped. */
export function quote(text: string): string {
  const mark = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/[\\'"\n\r\t\u0000-\u001f\u2028\u2029]/g, (c) =>
    c === mark ? `\\${c}` : c === "'" || c === '"' ? c : c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${mark}${escaped}${mark}`;
}

const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));

/** `text` as `//` comment lines of at most `width` characters, at `indent`. */
export function comment(text: string, indent = 0, width = 110): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && indent + 3 + line.length + 1 + word.length > width) lines.push(line), (line = '');
      line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines.map((l) => `${' '.repeat(indent)}// ${l}`.trimEnd());
}
