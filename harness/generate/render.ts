import { relative, resolve, sep } from 'node:path';
import type { ToolSpec } from '../agents/types.ts';
import type { Case, ScenarioDraft, ToolRef } from './case.ts';
import type { Deployment } from './deployment.ts';
import { Code, comment, literal, quote, SPREAD } from './source.ts';

/** A generated scenario: the source of its file, and the same scenario as data (to validate before it is written). */
export type Rendered = { source: string; scenario: Record<string, unknown> };

/**
 * A case as the file a team commits and edits: a header comment saying what the case is, the
 * `defineScenario` import a team's own file has, the tools imported from the deployment's tools
 * module (or written out, for a .json one), `serviceFiles` relative to the output folder, each
 * service seeded with its example, and a comment above the fields a reader needs explained.
 */
export function renderCase(deployment: Deployment, item: Case, outDir: string, seed: number, command = 'faultline generate'): Rendered {
  const { scenario: draft } = item;
  const services = servicesOf(deployment, draft.tools);
  const files = [...new Set(services.flatMap((w) => (w.definition.file ? [pathFrom(outDir, w.definition.file)] : [])))];
  const fields: Record<string, unknown> = {
    ...draft,
    tools: draft.tools.map((t) => toolCode(deployment, t)),
    ...(files.length ? { serviceFiles: files } : {}),
    services: Object.fromEntries(services.map((w) => [w.definition.id, w.literal])),
  };
  const order: Array<keyof ScenarioDraft | 'serviceFiles' | 'services'> = ['id', 'title', 'source', 'task', 'system', 'tools', 'serviceFiles', 'services', 'faults', 'user', 'model', 'intent', 'goal', 'checks', 'primaryCheck'];
  const body = order.flatMap((field) => {
    if (fields[field] === undefined) return [];
    const note = item.notes[field as keyof ScenarioDraft];
    return [...(note ? comment(note, 2) : []), `  ${field}: ${literal(fields[field], 2, 4 + field.length)},`];
  });
  const imports = [`import { defineScenario } from 'faultline';`];
  if (deployment.toolsImport.kind === 'module') {
    const binding = deployment.toolsImport.binding === 'default' ? 'tools' : '{ tools }';
    imports.push(`import ${binding} from ${quote(pathFrom(outDir, deployment.toolsImport.file))};`);
  }
  const header = [`// ${item.summary}: written by ${command} (seed ${seed}); edit it as your own.`, ...comment(item.about)];
  const source = [...header, ...imports, '', 'export default defineScenario({', ...body, '});', ''].join('\n');
  const scenario = {
    ...fields,
    tools: draft.tools.map((t) => ({ ...specOf(deployment, t.name), ...(t.responseSchema ? { responseSchema: t.responseSchema } : {}) })),
  };
  return { source, scenario };
}

/** The services a case's tools call, each once, in the order of its tools. */
function servicesOf(deployment: Deployment, tools: ToolRef[]) {
  return [...new Set(tools.map((t) => deployment.serviceOf.get(t.name)!))];
}

/** How the file names a tool: its entry in the tools module, with the case's response contract spread over it; or the spec itself. */
function toolCode(deployment: Deployment, ref: ToolRef): unknown {
  const spec = specOf(deployment, ref.name);
  const imported = deployment.toolsImport;
  const code = imported.kind === 'module' ? new Code(entryOf(imported.keys.get(ref.name)!, ref.name)) : undefined;
  if (code) return ref.responseSchema ? { [SPREAD]: code, responseSchema: ref.responseSchema } : code;
  // Written out, in the order a tool spec is usually written.
  const written: Record<string, unknown> = { ...spec, ...(ref.responseSchema ? { responseSchema: ref.responseSchema } : {}) };
  const order = ['name', 'description', 'input_schema', 'strict', 'endpoint', 'effect', 'idempotent', 'target', 'responseSchema'];
  return Object.fromEntries([...order.filter((k) => k in written), ...Object.keys(written).filter((k) => !order.includes(k))].map((k) => [k, written[k]]));
}

function entryOf(key: string | number, name: string): string {
  if (typeof key === 'number') return `tools.find((t) => t.name === ${quote(name)})!`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `tools.${key}` : `tools[${quote(key)}]`;
}

const specOf = (deployment: Deployment, name: string): ToolSpec => deployment.tools.find((t) => t.name === name)!;

/** `file` as a path from `dir` for an import or `serviceFiles`: relative, with forward slashes, starting with . */
export function pathFrom(dir: string, file: string): string {
  const path = relative(resolve(dir), resolve(file)).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
