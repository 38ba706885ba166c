import { escapeRegExp, lineAt } from './prompt.ts';

type Place = { file: string; line: number };

/**
 * Where a tool is reported: the line of its definition in the tools file, found as `name: 'x'`
 * (TypeScript / JavaScript) or `"name": "x"` (JSON), not followed by `input` (that is a call of
 * the tool); in a scenario whose tools come from a shared table, `tools.x`; else the first quoted
 * `'x'`; else line 1.
 */
export function toolLocator(file: string, source: string | undefined): (name: string) => Place {
  return (name) => {
    if (source === undefined) return { file, line: 1 };
    const n = escapeRegExp(name);
    // `{ name: 'x', input: … }` is a call of the tool (a model plan, an approval), not its definition.
    const patterns = [`\\bname\\s*:\\s*(['"\`])${n}\\1(?!\\s*,\\s*input\\b)`, `"name"\\s*:\\s*"${n}"(?!\\s*,\\s*"input")`, `\\btools\\.${n}(?![\\w-])`, `(['"\`])${n}\\1`];
    for (const pattern of patterns) {
      const m = new RegExp(pattern).exec(source);
      if (m) return { file, line: lineAt(source, m.index) };
    }
    return { file, line: 1 };
  };
}

/**
 * Where a prompt line is reported. A prompt file is its own source: line for line. A prompt held in
 * a source file (a scenario's `system` string) is found there by the text of its line — quoted as
 * the source may quote it — and then by `anchor` within that line; failing that, at `system:`.
 */
export function promptLocator(prompt: string, file: string, source: string | undefined): (line: number, anchor?: string) => Place {
  if (source === undefined) return (line) => ({ file, line });
  const lines = prompt.split('\n');
  const key = source.search(/\bsystem\s*:/);
  const from = Math.max(0, key);
  const fallback = key < 0 ? 1 : lineAt(source, key);
  return (line, anchor) => {
    const text = (lines[line - 1] ?? '').trim();
    const start = [48, 24, 12].map((n) => text.slice(0, n)).reduce((found, needle) => (found >= 0 ? found : find(source, needle, from)), -1);
    if (start < 0) return { file, line: fallback };
    // The anchor pins a line that the source breaks in two ('…' +\n '…'); it must lie within the prompt line.
    const at = anchor ? find(source, anchor, start) : -1;
    return { file, line: lineAt(source, at >= 0 && at < start + text.length * 2 + 80 ? at : start) };
  };
}

/** The first occurrence of `needle` from `from`, as written or as a string literal would escape it. */
function find(source: string, needle: string, from: number): number {
  if (needle.length < 4) return -1;
  for (const form of new Set([needle, JSON.stringify(needle).slice(1, -1), needle.replace(/'/g, "\\'")])) {
    const i = source.indexOf(form, from);
    if (i >= 0) return i;
  }
  return -1;
}
