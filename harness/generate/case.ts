import type { ToolSpec } from '../agents/types.ts';
import { canonical } from '../canonical.ts';
import type { Reply } from './probe.ts';

/** A tool as a generated scenario names it: from the tools module, with a response contract added where the case needs one. */
export type ToolRef = { name: string; responseSchema?: Record<string, unknown> };

type Call = { name: string; input: Record<string, unknown> };

/** A generated scenario before its services are filled in: the fields of `defineScenario`, in the order a file lists them. */
export type ScenarioDraft = {
  id: string;
  title: string;
  source: { seed: string; case: string };
  task: string;
  system: string;
  tools: ToolRef[];
  faults?: Array<Record<string, unknown>>;
  user?: { approves: Call[] };
  model: { persona: string; plan: Array<{ call: Call[] }>; answer: string; invented?: Call; coerceFields?: string[] };
  intent?: Record<string, unknown>;
  goal: { says?: string[]; effects?: boolean; orStop?: unknown[] };
  checks: string[];
  primaryCheck: string;
};

/** One case of the matrix: what it is (for the listing and the file's header), its scenario, and comments on its fields. */
export type Case = {
  summary: string;
  about: string;
  notes: Partial<Record<keyof ScenarioDraft, string>>;
  scenario: ScenarioDraft;
  /** Something the team should know: the case is written, but the deployment keeps any runtime from passing it. */
  warning?: string;
};

/** A case that cannot work for this deployment, and why: printed, never written. */
export type Skip = { summary: string; why: string };

export const isSkip = (x: Case | Skip): x is Skip => 'why' in x;

/** What each case kind is called in listings: `refund_order × lost reply after commit`. */
const KINDS = {
  'lost-reply': 'lost reply after commit',
  'error-after-commit': '5xx after commit',
  'reordered-replies': 'reordered parallel replies',
  'transient-errors': 'transient 429/503 with Retry-After',
  'permanent-error': 'permanent 404',
  'slow-reply': 'slow reply past the timeout',
  'shape-change': 'changed response shape',
  coercion: 'number sent as a string',
  'unknown-tool': 'call of a tool that does not exist',
  runaway: 'runaway loop',
} as const;

export type Kind = keyof typeof KINDS;

export const summaryOf = (what: string, kind: Kind) => `${what} × ${KINDS[kind]}`;

/** `refund_order` → `refund-order`: the part of an id a tool or field gives. */
export const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'tool';

/** `order_id "o-1001" and amount_cents 37`: a call's arguments as a task states them (every value verbatim, for runtimes that check targets). */
export function argsText(input: Record<string, unknown>): string {
  const parts = Object.entries(input).map(([k, v]) => `${k} ${typeof v === 'string' ? JSON.stringify(v) : canonical(v)}`);
  if (!parts.length) return 'no arguments';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The prompt of a deployment's assistant for `tools`, with no stop criterion in it (the runaway case depends on that). */
export const systemFor = (tools: ToolSpec[]) =>
  tools.length === 1
    ? `You are an assistant with the tool ${tools[0]!.name}. Call it as the user asks, then report what it returned.`
    : `You are an assistant with the tools ${tools.map((t) => t.name).join(', ')}. Call them as the user asks, then report what they returned.`;

export const taskFor = (tool: ToolSpec, input: Record<string, unknown>) => `Use ${tool.name} with ${argsText(input)}, then tell me what it returned.`;

/** A value a reply holds that an answer can state: where it is (`products.0.name`), what it is called (`name`) and the value. */
export type Stated = { path: string; label: string; value: string | number | boolean };

/**
 * The values a reply holds that an answer can state, best first: ones that are not just an
 * argument echoed back, text before numbers before booleans, shallower before deeper. Only those the
 * same call answered alike in a second world with another seed (no generated ids, no clock), on
 * paths an answer template can name (word characters).
 */
export function statedValues(reply: Reply, again: Reply, input: Record<string, unknown>): Stated[] {
  const echoes = new Set(Object.values(input).map((v) => String(v)));
  const second = new Map(leaves(again.body).map((l) => [l.path, l.value]));
  const rank = (s: Stated) => (echoes.has(String(s.value)) ? 4 : 0) + { string: 0, number: 1, boolean: 2 }[typeof s.value as 'string'] + s.path.split('.').length / 100;
  return leaves(reply.body)
    .filter((l) => second.get(l.path) === l.value && l.path.split('.').every((p) => /^\w+$/.test(p)))
    .map((l, i) => ({ ...l, i }))
    .sort((a, b) => rank(a) - rank(b) || a.i - b.i)
    .map(({ i: _, ...l }) => l);
}

/** Every scalar of a JSON value with its dotted path (of an array, the first three elements), to a depth of 4. */
function leaves(value: unknown, path: string[] = []): Stated[] {
  if (path.length > 4) return [];
  if (Array.isArray(value)) return value.slice(0, 3).flatMap((v, i) => leaves(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  if ((typeof value === 'string' && value.trim()) || typeof value === 'number' || typeof value === 'boolean') {
    const label = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? 'value';
    return path.length ? [{ path: path.join('.'), label, value }] : [];
  }
  return [];
}

/** What a correct reply states: `total_cents is 4200`. */
export const phrase = (s: Stated) => `${s.label} is ${String(s.value)}`;

/** An answer template stating `s` from the last result of `tool`. */
export const answerFor = (tool: string, s: Stated) => `According to ${tool}, the ${s.label} is {{${tool}.${s.path}}}.`;

/** Whether answer templates can name the tool (`{{tool.field}}` takes word characters only). */
export const templatable = (tool: ToolSpec) => /^\w+$/.test(tool.name);

/** The example world's reply to a call, said briefly for a skip's reason. */
export function replyText(reply: Reply): string {
  const body = JSON.stringify(reply.body) ?? String(reply.body);
  return `${reply.status} ${body.length > 80 ? `${body.slice(0, 79)}…` : body}`;
}
