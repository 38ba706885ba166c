/**
 * Parses the block YAML a GitHub workflow is written in (maps, lists, plain or quoted scalars,
 * comments), and throws on anything else: a tab, an indentation that opens no block, a duplicate
 * key, a plain scalar YAML would read otherwise (`: ` or ` #` in it, a leading indicator). There is
 * no YAML library in the project; this is strict enough that what it accepts, YAML reads alike.
 */
export function parseYamlSubset(text: string): unknown {
  const lines = text.split('\n').flatMap((line, n) => {
    if (line.includes('\t')) throw new Error(`line ${n + 1}: a tab`);
    const content = line.trim();
    return content && !content.startsWith('#') ? [{ n: n + 1, indent: line.length - line.trimStart().length, content }] : [];
  });
  let i = 0;
  const at = () => lines[i];
  const block = (indent: number): unknown => (at()!.content.startsWith('- ') ? list(indent) : map(indent));

  function map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (at()?.indent === indent && !at()!.content.startsWith('- ')) {
      const { n, content } = at()!;
      const entry = /^([\w-]+):(?: (.+))?$/.exec(content);
      if (!entry) throw new Error(`line ${n}: not "key: value": ${content}`);
      if (Object.hasOwn(out, entry[1]!)) throw new Error(`line ${n}: duplicate key ${entry[1]}`);
      i++;
      const deeper = at() !== undefined && at()!.indent > indent;
      if (entry[2] !== undefined && deeper) throw new Error(`line ${at()!.n}: indented under a key that has a value`);
      out[entry[1]!] = entry[2] !== undefined ? scalar(entry[2], n) : deeper ? block(at()!.indent) : null;
    }
    return out;
  }

  function list(indent: number): unknown[] {
    const out: unknown[] = [];
    while (at()?.indent === indent && at()!.content.startsWith('- ')) {
      // `- key: value` opens a map whose keys line up two columns further in.
      const item = (lines[i] = { ...at()!, indent: indent + 2, content: at()!.content.slice(2) });
      if (/^[\w-]+:( |$)/.test(item.content)) out.push(map(indent + 2));
      else out.push(scalar(item.content, item.n)), i++;
    }
    return out;
  }

  const value = block(at()?.indent ?? 0);
  if (at()) throw new Error(`line ${at()!.n}: indentation that opens no block: ${at()!.content}`);
  return value;
}

function scalar(text: string, n: number): unknown {
  if (/^'([^']|'')*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (/^"([^"\\]|\\.)*"$/.test(text)) return JSON.parse(text);
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) || /: |\s#/.test(text)) throw new Error(`line ${n}: a plain scalar YAML would read otherwise: ${text}`);
  return /^\d+$/.test(text) ? Number(text) : text;
}
