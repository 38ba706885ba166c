import { z } from 'zod';
import type { ToolSpec } from '../agents/types.ts';
import { callKeys } from '../calls.ts';
import { canonical } from '../canonical.ts';
import { answerFor, phrase, replyText, slug, statedValues, summaryOf, systemFor, taskFor, templatable, argsText, isSkip, type Case, type Kind, type ScenarioDraft, type Skip, type Stated } from './case.ts';
import type { Deployment } from './deployment.ts';
import { statedOf, type Planned, type Plans } from './plan.ts';
import { probe } from './probe.ts';

const KINDS: Kind[] = ['reordered-replies', 'transient-errors', 'permanent-error', 'slow-reply', 'shape-change'];

/**
 * A read tool × reordered parallel replies, transient 429/503 with Retry-After, a permanent 404, a
 * reply slower than the timeout, and a changed response shape. Each starts from the call the
 * example world answers best; a case that needs the answer to state a value is skipped (with why)
 * when the reply holds none that a second world, seeded otherwise, answers alike.
 */
export async function readCases(deployment: Deployment, tool: ToolSpec, plans: Plans, seed: number): Promise<Array<Case | Skip>> {
  const plan = plans.ok[0];
  if (!plan) {
    const why = `no planned call succeeded in the example world (${plans.refused ? `${JSON.stringify(plans.refused.input)} got ${replyText(plans.refused.reply)}` : 'nothing to plan'}); give its service an example with rows its arguments can reach`;
    return KINDS.map((kind) => ({ summary: summaryOf(tool.name, kind), why }));
  }
  const stated = await statedOf(deployment, tool, plan, seed);
  const noValue = (kind: Kind): Skip => ({
    summary: summaryOf(tool.name, kind),
    why: templatable(tool)
      ? `its reply in the example world holds no value a correct answer must state (${replyText(plan.reply)}); give its service an example with rows the call returns`
      : `answer templates name a tool by word characters only ({{${tool.name}.…}} cannot be written)`,
  });
  const base = readDraft(tool, plan.input, stated);
  const cases = [
    await reordered(deployment, tool, plans.ok, seed),
    stated ? transient(tool, base, stated) : noValue('transient-errors'),
    permanent(tool, base),
    stated ? slow(tool, base, stated) : noValue('slow-reply'),
    shapeChange(deployment, tool, plan, base, stated),
  ];
  const broken = tool.responseSchema && !z.fromJSONSchema(tool.responseSchema as never).safeParse(plan.reply.body).success;
  if (!broken) return cases;
  // The deployment's own contract is broken before any fault: every runtime that checks it will stop on every case.
  const warning = `${tool.name}: its reply in the example world (${replyText(plan.reply)}) already breaks its declared responseSchema, so a runtime that checks the contract stops on every case of it; fix the schema or the service`;
  return cases.map((c) => (isSkip(c) ? c : { ...c, warning }));
}

/** The single call every read case but the reordered one makes, and its answer. */
export function readDraft(tool: ToolSpec, input: Record<string, unknown>, stated: Stated | undefined): ScenarioDraft {
  return {
    id: '',
    title: '',
    source: { seed: 'faultline generate', case: '' },
    task: taskFor(tool, input),
    system: systemFor([tool]),
    tools: [{ name: tool.name }],
    model: { persona: 'diligent', plan: [{ call: [{ name: tool.name, input }] }], answer: stated ? answerFor(tool.name, stated) : `${tool.name} answered.` },
    goal: {},
    checks: [],
    primaryCheck: '',
  };
}

const named = (tool: ToolSpec, kind: Kind, fault: string, title: string) => ({
  id: `${slug(tool.name)}-${kind}`,
  title,
  source: { seed: 'faultline generate', case: `${tool.name} × ${fault} (effect: read)` },
});

async function reordered(deployment: Deployment, tool: ToolSpec, ok: Planned[], seed: number): Promise<Case | Skip> {
  const summary = summaryOf(tool.name, 'reordered-replies');
  if (!Object.keys((tool.input_schema.properties ?? {}) as object).length) return { summary, why: 'it takes no arguments: two parallel calls would be one call twice, with replies no one could tell apart' };
  if (!templatable(tool)) return { summary, why: `answer templates name a tool by word characters only ({{#each ${tool.name}}} cannot be written)` };
  const pair = await distinctPair(deployment, tool, ok.slice(0, 10), seed);
  if (!pair) return { summary, why: 'no two planned calls are answered differently in the example world; give its service an example with two rows its arguments reach' };
  const { a, b, field, stated } = pair;
  const cards = [a, b].map((p, i) => `${String(p.input[field])}: ${stated.label} is ${String(stated.values[i])}`);
  return {
    summary,
    about: `Two ${tool.name} calls are made at once and their replies arrive in the opposite order. Each tool_result must carry the reply to its own tool_use_id, whatever the order of arrival.`,
    notes: { faults: 'The two replies arrive in the reverse of the order the calls were sent in.' },
    scenario: {
      ...named(tool, 'reordered-replies', 'reorder', `Two parallel ${tool.name} calls come back in the opposite order`),
      task: `Use ${tool.name} twice, at the same time: with ${argsText(a.input)}, and with ${argsText(b.input)}. List what each returned.`,
      system: `${systemFor([tool])} Make independent calls at once.`,
      tools: [{ name: tool.name }],
      faults: [{ fault: 'reorder', tool: tool.name, batch: 2, spacingMs: 40 }],
      model: {
        persona: 'diligent',
        plan: [{ call: [a, b].map((p) => ({ name: tool.name, input: p.input })) }],
        answer: `{{#each ${tool.name}}}- {{input.${field}}}: ${stated.label} is {{result.${stated.path}}}\n{{/each}}`,
      },
      intent: { answer: { includes: cards } },
      goal: { says: cards },
      checks: ['results-correlated', 'known-answer'],
      primaryCheck: 'results-correlated',
    },
  };
}

/** Two planned calls with different arguments whose replies differ in a value an answer can state (the same in a world seeded otherwise). */
async function distinctPair(deployment: Deployment, tool: ToolSpec, ok: Planned[], seed: number) {
  const key = callKeys([tool]);
  for (let i = 0; i < ok.length; i++)
    for (let j = i + 1; j < ok.length; j++) {
      const [a, b] = [ok[i]!, ok[j]!];
      if (key(tool.name, a.input) === key(tool.name, b.input) || canonical(a.reply.body) === canonical(b.reply.body)) continue;
      const field = Object.keys(a.input).find((k) => k in b.input && String(a.input[k]) !== String(b.input[k]));
      if (!field) continue;
      const [againA, againB] = await Promise.all([a, b].map(async (p) => (await probe(tool, deployment.serviceOf.get(tool.name)!, [{ input: p.input }], seed + 1))[0]!));
      const other = new Map(statedValues(b.reply, againB!, b.input).map((s) => [s.path, s.value]));
      const stated = statedValues(a.reply, againA!, a.input).find((s) => other.has(s.path) && other.get(s.path) !== s.value);
      if (stated) return { a, b, field, stated: { ...stated, values: [stated.value, other.get(stated.path)!] } };
    }
  return undefined;
}

function transient(tool: ToolSpec, base: ScenarioDraft, stated: Stated): Case {
  return {
    summary: summaryOf(tool.name, 'transient-errors'),
    about: `${tool.name}'s service sheds load: a 429 and maybe a 503, each with Retry-After. Retries must wait a growing backoff and at least what Retry-After asks, and stay within 3 attempts.`,
    notes: {
      faults: 'A rate limit always answers the first call; an overloaded replica sometimes the next. Two failures at most, so three attempts always get through.',
      intent: 'Backoff starts at 1 s and doubles; at most 3 attempts per call.',
    },
    scenario: {
      ...base,
      ...named(tool, 'transient-errors', 'error-status 429/503', `${tool.name} answers 429, then maybe 503, each with Retry-After`),
      faults: [
        { fault: 'error-status', tool: tool.name, when: { first: 1 }, status: 429, retryAfterS: 2, message: 'rate limit exceeded' },
        { fault: 'error-status', tool: tool.name, when: { first: [0, 1] }, status: 503, retryAfterS: 4, message: 'service unavailable' },
      ],
      intent: { maxAttemptsPerCall: 3, backoffMsMin: 1_000, answer: { includes: [phrase(stated)] } },
      goal: { says: [phrase(stated)] },
      checks: ['retry-backoff', 'bounded-retries', 'known-answer'],
      primaryCheck: 'retry-backoff',
    },
  };
}

function permanent(tool: ToolSpec, base: ScenarioDraft): Case {
  return {
    summary: summaryOf(tool.name, 'permanent-error'),
    about: `${tool.name} answers 404 Not Found: an error no retry can fix. A call answered with a permanent error must never be sent again.`,
    notes: { faults: 'Every call answers 404: asking again cannot help.', goal: 'Nothing can be read: an honest stop is all a correct runtime can do.' },
    scenario: {
      ...base,
      ...named(tool, 'permanent-error', 'error-status 404', `${tool.name} answers 404 Not Found`),
      faults: [{ fault: 'error-status', tool: tool.name, status: 404, message: 'not found' }],
      goal: { orStop: [{ failed: tool.name }] },
      checks: ['no-retry-permanent'],
      primaryCheck: 'no-retry-permanent',
    },
  };
}

function slow(tool: ToolSpec, base: ScenarioDraft, stated: Stated): Case {
  return {
    summary: summaryOf(tool.name, 'slow-reply'),
    about: `${tool.name} takes five minutes to answer. A call with no reply within the 30 s timeout must reach the model as an error (is_error), and the run must end within its 60 s deadline.`,
    notes: { faults: 'The first three to six requests are held for five minutes; then the service recovers.', intent: '30 s for one call, 60 s for the whole run.' },
    scenario: {
      ...base,
      ...named(tool, 'slow-reply', 'slow-reply', `${tool.name} takes five minutes to answer`),
      faults: [{ fault: 'slow-reply', tool: tool.name, when: { first: [3, 6] }, delayMs: 300_000 }],
      intent: { toolTimeoutMs: 30_000, deadlineMs: 60_000 },
      goal: { says: [phrase(stated)], orStop: [{ failed: tool.name }] },
      checks: ['timeout-is-error', 'tool-timeout', 'loop-deadline'],
      primaryCheck: 'timeout-is-error',
    },
  };
}

function shapeChange(deployment: Deployment, tool: ToolSpec, plan: Planned, base: ScenarioDraft, stated: Stated | undefined): Case | Skip {
  const summary = summaryOf(tool.name, 'shape-change');
  const body = plan.reply.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { summary, why: `its reply is not a JSON object (${replyText(plan.reply)}), so no field of it can move` };
  const contract = tool.responseSchema ?? contractOf(body as Record<string, unknown>);
  const parser = z.fromJSONSchema(contract as never);
  const top = stated?.path.split('.')[0];
  const fields = [...new Set([...(top ? [top] : []), ...Object.keys(body)])];
  const moved = fields.find((f) => !parser.safeParse(move(body as Record<string, unknown>, f)).success);
  if (!moved) return { summary, why: `moving any one of its fields leaves the reply within its declared responseSchema, which requires none of them` };
  const toolsFile = deployment.toolsFile.split(/[\\/]/).pop();
  return {
    summary,
    about: `${tool.name}'s backend ships a v2 that moves ${moved} under ${target(moved).split('.')[0]}. A reply that breaks the tool's response contract must never reach the model as a success.`,
    notes: {
      ...(tool.responseSchema ? {} : { tools: `The contract: the shape ${tool.name} answers with in the example world. Declare it as responseSchema in ${toolsFile} to make it the tool's own.` }),
      faults: `The v2 reply: ${moved} moves to ${target(moved)}.`,
      goal: 'Every reply breaks the contract: reporting that is as far as a correct runtime gets.',
    },
    scenario: {
      ...base,
      ...named(tool, 'shape-change', 'shape-change', `${tool.name}'s reply moves ${moved} to ${target(moved)}`),
      tools: [{ name: tool.name, ...(tool.responseSchema ? {} : { responseSchema: contract }) }],
      faults: [{ fault: 'shape-change', tool: tool.name, move: { [moved]: target(moved) } }],
      goal: { ...(stated ? { says: [phrase(stated)] } : {}), orStop: [{ called: tool.name }] },
      checks: ['response-contract'],
      primaryCheck: 'response-contract',
    },
  };
}

const target = (field: string) => (field === 'data' ? `v2.${field}` : `data.${field}`);

/** `body` as the shape-change fault leaves it: `field` moved to its target. */
function move(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const { [field]: value, ...rest } = body;
  const [outer, inner] = target(field).split('.') as [string, string];
  return { ...rest, [outer]: { ...((rest[outer] as object) ?? {}), [inner]: value } };
}

/** A response schema from one reply: each top-level field of it required, with its JSON type. */
function contractOf(body: Record<string, unknown>): Record<string, unknown> {
  const typed = Object.entries(body).filter(([, v]) => v !== null && v !== undefined);
  const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v);
  return { type: 'object', properties: Object.fromEntries(typed.map(([k, v]) => [k, { type: typeOf(v) }])), required: typed.map(([k]) => k) };
}
