import type { Effect, ToolSpec } from '../agents/types.ts';
import { UsageError } from '../errors.ts';
import { slug, type Kind } from '../generate/case.ts';
import type { Generated, GeneratedFile } from '../generate/index.ts';

// A lost effect is the costliest failure a tool can have (a customer charged twice), so the first
// scenario a team gets is about their most consequential effect; a read tool's cases come after.
const EFFECTS: readonly Effect[] = ['charge', 'send', 'provision', 'write', 'destructive', 'read'];
const KINDS: readonly Kind[] = ['lost-reply', 'error-after-commit', 'transient-errors', 'permanent-error', 'reordered-replies', 'slow-reply', 'shape-change'];

export type Picked = { file: GeneratedFile; tool: string | undefined };

/**
 * The one case of a deployment's fault matrix `faultline init` writes: for `tool` when one is
 * named, else for the tool with the most consequential effect that has a case (an effect's lost
 * reply first), else whatever case the matrix has. Every refusal is a UsageError saying why.
 */
export function pickCase(generated: Generated, tool?: string): Picked {
  const { tools, toolsFile } = generated.deployment;
  if (tool !== undefined && !tools.some((t) => t.name === tool)) throw new UsageError(`--tool: no tool "${tool}" in ${toolsFile} (${tools.map((t) => t.name).join(', ')})`);
  const candidates = tools.filter((t) => tool === undefined || t.name === tool).sort((a, b) => EFFECTS.indexOf(a.effect) - EFFECTS.indexOf(b.effect));
  for (const candidate of candidates) {
    const file = casesOf(generated.files, candidate)[0];
    if (file) return { file, tool: candidate.name };
  }
  const why = (name?: string) => generated.skipped.filter((s) => name === undefined || s.summary.startsWith(`${name} × `)).map((s) => `${s.summary}: ${s.why}`);
  if (tool !== undefined) throw new UsageError(`--tool ${tool}: faultline can write no scenario for it:\n  ${why(tool).join('\n  ')}\nName another tool with --tool, or leave --tool out`);
  const [any] = generated.files;
  if (any) return { file: any, tool: undefined };
  throw new UsageError(`--tools ${toolsFile}: faultline can write no scenario for these tools:\n  ${why().join('\n  ')}`);
}

/** A tool's cases, best first: its kinds in the order above, then its numbers sent as strings (ids as generate makes them). */
function casesOf(files: GeneratedFile[], tool: ToolSpec): GeneratedFile[] {
  const fields = Object.keys((tool.input_schema.properties ?? {}) as object);
  const ids = [...KINDS, ...fields.map((field) => `${slug(field)}-as-string`)].map((kind) => `${slug(tool.name)}-${kind}`);
  return ids.flatMap((id) => files.filter((f) => f.id === id));
}
