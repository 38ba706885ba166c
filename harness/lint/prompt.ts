import type { ToolSpec } from '../agents/types.ts';

/**
 * A worked example in the prompt: the JSON it shows for a tool's response (or, when the fence is
 * tagged `input`, its arguments). Fenced: ```json lookup_episode … ```; inline: `lookup_episode
 * returns {"title": …}` (the form the catalogue's schema-drift prompt uses).
 */
export type PromptExample = { tool: string; kind: 'response' | 'input'; line: number; text: string; inline: boolean };

/** An identifier the prompt uses as a tool name that no registered tool has; `how` says what gave it away. */
export type ToolReference = { name: string; line: number; how: 'backticked' | 'called' | 'prose' | 'fence' };

/** The 1-based line of a character offset. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Whether the prompt names `name` anywhere, as a whole word (tool names may hold `_` and `-`). */
export function mentions(prompt: string, name: string): boolean {
  return new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`).test(prompt);
}

/**
 * Reads a prompt: its worked examples, and the identifiers it uses as tool names that are not
 * registered tools. Fenced blocks and inline examples are data, so their contents are not scanned
 * for names (a field such as `episode_id` is not a tool).
 */
export function parsePrompt(prompt: string, tools: ToolSpec[]): { examples: PromptExample[]; references: ToolReference[] } {
  const registered = new Set(tools.map((t) => t.name));
  const fields = fieldNames(tools);
  const examples: PromptExample[] = [];
  const found: ToolReference[] = [];
  let prose = prompt;
  const blank = (from: number, to: number) => (prose = prose.slice(0, from) + prose.slice(from, to).replace(/[^\n]/g, ' ') + prose.slice(to));

  for (const fence of fences(prompt)) {
    blank(fence.from, fence.to);
    const words = fence.info.split(/[\s,{}]+/).filter(Boolean);
    const kind = words.some((w) => INPUT_TAGS.has(w.toLowerCase())) ? 'input' : 'response';
    const tool = words.find((w) => registered.has(w));
    if (tool) examples.push({ tool, kind, line: fence.line, text: fence.body, inline: false });
    else {
      const invented = words.find((w) => toolShaped(w) && !LANGUAGES.has(w.toLowerCase()));
      if (invented) found.push({ name: invented, line: fence.line, how: 'fence' });
    }
  }

  // Inline: `<tool> returns {…}` (a response) or `<tool> with {…}` (its input), the JSON balanced by brackets.
  for (const m of prose.matchAll(INLINE_EXAMPLE)) {
    const start = m.index + m[0].length;
    if (!registered.has(m[1]!) || !/^[[{]\s*["{[\]}\d-]/.test(prose.slice(start))) continue;
    const end = balancedEnd(prose, start);
    examples.push({ tool: m[1]!, kind: /^with/i.test(m[2]!) ? 'input' : 'response', line: lineAt(prompt, start), text: prompt.slice(start, end), inline: true });
    blank(start, end);
  }

  const skip = (name: string) => registered.has(name) || fields.has(name) || found.some((r) => r.name === name);
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) {
    const name = m[1]!.trim().replace(/\(.*\)$/, '');
    if (toolShaped(name) && !skip(name) && (verbFirst(name) || inToolContext(prose, m.index, m.index + m[0].length))) found.push({ name, line: lineAt(prompt, m.index), how: 'backticked' });
  }
  for (const m of prose.matchAll(/(?<![\w-])[A-Za-z_][A-Za-z0-9_]*(?![\w-])/g)) {
    const name = m[0];
    const end = m.index + name.length;
    if (!toolShaped(name) || skip(name)) continue;
    if (prose[end] === '(') found.push({ name, line: lineAt(prompt, m.index), how: 'called' });
    else if (verbFirst(name) && inToolContext(prose, m.index, end)) found.push({ name, line: lineAt(prompt, m.index), how: 'prose' });
  }
  return { examples, references: found.sort((a, b) => a.line - b.line) };
}

/** snake_case with at least one `_`, or lowerCamelCase with at least one hump: the shapes tool names take. */
function toolShaped(word: string): boolean {
  return /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(word) || /^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(word);
}

/** A tool name starts with what it does: `lookup_product`, `getWeather`; `order_id` and `has_more` do not. */
function verbFirst(name: string): boolean {
  return VERBS.has(name.split(/_|(?=[A-Z])/)[0]!);
}

/** Whether the words around an identifier speak of it as a tool: "use X", "call the X tool", "X returns". */
function inToolContext(prose: string, from: number, to: number): boolean {
  const before = (
    prose
      .slice(Math.max(0, from - 60), from)
      .toLowerCase()
      .match(/[a-z']+/g) ?? []
  ).filter((w) => !ARTICLES.has(w));
  const after = prose
    .slice(to)
    .toLowerCase()
    .match(/^[\s`'"*]*([a-z]+)/)?.[1];
  return PRECEDING.has(before.at(-1) ?? '') || FOLLOWING.has(after ?? '');
}

/** Fenced code blocks (``` or ~~~, up to three spaces of indent); an unclosed fence runs to the end. */
function fences(prompt: string): Array<{ line: number; info: string; body: string; from: number; to: number }> {
  const blocks = [];
  const lines = prompt.split('\n');
  let offset = 0;
  let open: { line: number; info: string; marker: string; from: number; bodyFrom: number } | undefined;
  for (const [i, text] of lines.entries()) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
    const next = offset + text.length + 1;
    if (!open && m && !(m[1]![0] === '`' && m[2]!.includes('`'))) open = { line: i + 1, info: m[2]!.trim(), marker: m[1]!, from: offset, bodyFrom: next };
    else if (open && m && m[1]![0] === open.marker[0] && m[1]!.length >= open.marker.length && !m[2]!.trim()) {
      blocks.push({ line: open.line, info: open.info, body: prompt.slice(open.bodyFrom, offset), from: open.from, to: offset + text.length });
      open = undefined;
    }
    offset = next;
  }
  if (open) blocks.push({ line: open.line, info: open.info, body: prompt.slice(open.bodyFrom), from: open.from, to: prompt.length });
  return blocks;
}

/** Where the JSON value starting at `start` ends: brackets balanced outside strings, else the end of its line. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  const eol = text.indexOf('\n', start);
  return eol < 0 ? text.length : eol;
}

/** Every property name declared anywhere in the tools' input and response schemas: fields, not tools. */
function fieldNames(tools: ToolSpec[]): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) for (const name of Object.keys(value)) names.add(name);
      walk(value);
    }
  };
  for (const tool of tools) walk(tool.input_schema), walk(tool.responseSchema);
  return names;
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const INLINE_EXAMPLE = /(?<![\w-])([A-Za-z_][\w-]*)[`'"]?\s+(returns|responds with|replies with|answers with|answers|gives|with)\s*:?\s*/g;
const INPUT_TAGS = new Set(['input', 'inputs', 'arguments', 'args', 'call', 'request']);
const ARTICLES = new Set(['the', 'a', 'an']);
// biome-ignore format: a word list, read across; one word a line would be a page of it.
const PRECEDING = new Set([
  'use', 'uses', 'using', 'used', 'call', 'calls', 'calling', 'called', 'invoke', 'invokes', 'invoking', 'invoked', 'run', 'runs', 'running',
  'try', 'tries', 'trying', 'tried', 'retry', 'retries', 'retrying', 'via', 'with', 'through', 'tool', 'tools', 'function', 'functions', 'and', 'or', 'then',
]);
const FOLLOWING = new Set(['tool', 'tools', 'function', 'functions', 'endpoint', 'endpoints', 'api', 'returns', 'returned', 'responds', 'replies', 'answers', 'fails', 'failed']);
// biome-ignore format: a word list, read across; one word a line would be a page of it.
const VERBS = new Set([
  'get', 'list', 'lookup', 'look', 'fetch', 'search', 'find', 'query', 'read', 'create', 'add', 'insert', 'update', 'set', 'edit', 'modify', 'patch',
  'delete', 'remove', 'drop', 'cancel', 'send', 'post', 'place', 'submit', 'compute', 'calculate', 'calc', 'check', 'verify', 'validate', 'run',
  'execute', 'exec', 'call', 'book', 'reserve', 'charge', 'refund', 'pay', 'transfer', 'issue', 'open', 'close', 'provision', 'deploy', 'schedule',
  'upload', 'download', 'generate', 'make', 'write', 'save', 'store', 'load', 'sync', 'notify', 'email', 'translate', 'summarize', 'convert', 'resolve',
]);
// biome-ignore format: a word list, read across; one word a line would be a page of it.
const LANGUAGES = new Set([
  'json', 'jsonc', 'json5', 'jsonl', 'js', 'javascript', 'ts', 'typescript', 'text', 'txt', 'plaintext', 'sh', 'bash', 'shell', 'console', 'yaml', 'yml',
  'md', 'markdown', 'python', 'py', 'http', 'xml', 'html', 'css', 'sql', 'diff', 'toml', 'ini',
]);
