import type { ToolSpec } from '../agents/types.ts';
import { answerFor, argsText, phrase, slug, summaryOf, systemFor, templatable, type Case, type Skip, type Stated } from './case.ts';
import { effectDraft, effectsOf } from './cases-effect.ts';
import { readDraft } from './cases-read.ts';
import type { Deployment } from './deployment.ts';
import { statedOf, type Planned, type Plans } from './plan.ts';

const BUDGET = { toolCalls: 12, modelTurns: 13 };

/**
 * Each numeric argument of a tool × a model that sends it as a string ("37" for 37), judged by
 * valid-arguments. A GET's arguments travel as query text, where "37" and 37 are one thing: its
 * numeric arguments are skipped, saying so.
 */
export async function coercionCases(deployment: Deployment, tool: ToolSpec, plans: Plans, seed: number): Promise<Array<Case | Skip>> {
  const properties = (tool.input_schema.properties ?? {}) as Record<string, { type?: unknown }>;
  const numeric = Object.keys(properties).filter((k) => ['integer', 'number'].includes(String(properties[k]?.type)));
  const cases: Array<Case | Skip> = [];
  for (const field of numeric) cases.push(await coercion(deployment, tool, field, plans, seed));
  return cases;
}

async function coercion(deployment: Deployment, tool: ToolSpec, field: string, plans: Plans, seed: number): Promise<Case | Skip> {
  const summary = summaryOf(`${tool.name}.${field}`, 'coercion');
  if (tool.endpoint.method === 'GET') return { summary, why: `a GET sends its arguments as query text, where "10" and 10 are the same: no service can tell a string was sent` };
  if (new RegExp(`/:${field}(/|$)`).test(tool.endpoint.url)) return { summary, why: `${field} travels in the URL's path, as text` };
  const plan = plans.ok.find((p) => typeof p.input[field] === 'number');
  if (!plan) return { summary, why: `no planned call that carries ${field} succeeded in the example world` };
  const effectful = tool.effect !== 'read';
  const effects = effectsOf(plan.reply, plan.input);
  const stated = effectful ? undefined : await statedOf(deployment, tool, plan, seed);
  if (!effectful && !stated) return { summary, why: `its reply in the example world holds no value a correct answer must state` };
  if (effectful && !effects.length) return { summary, why: `its call commits nothing in the example world, so no goal can say it was done` };
  const base = effectful ? effectDraft(tool, plan.input, plan.reply, effects).scenario : readDraft(tool, plan.input, stated);
  return {
    summary,
    about: `The model passes ${field} as a string ("${String(plan.input[field])}") where ${tool.name}'s schema asks for a number. No argument that breaks the input schema may reach the service; a runtime that rejects it lets the model fix the call.`,
    notes: { model: `The coercer sends ${field} as text until an error says it must be a number.` },
    scenario: {
      ...base,
      id: `${slug(tool.name)}-${slug(field)}-as-string`,
      title: `The model sends ${tool.name}'s ${field} as a string`,
      source: { seed: 'faultline generate', case: `${tool.name}.${field} × string coercion (effect: ${tool.effect})` },
      model: { ...base.model, persona: 'coercer', coerceFields: [field] },
      ...(effectful ? {} : { intent: { answer: { includes: [phrase(stated!)] } }, goal: { says: [phrase(stated!)] } }),
      checks: ['valid-arguments', effectful ? 'exactly-once' : 'known-answer'],
      primaryCheck: 'valid-arguments',
    },
  };
}

/** A read call the model can make and whose answer states a value: what the deployment-wide cases build on. */
export type Readable = { tool: ToolSpec; plan: Planned; stated: Stated };

/** The unknown-tool case: the model invents a sibling of a read tool and keeps calling it until told not to. */
export function unknownToolCase(deployment: Deployment, readable: Readable[]): Case | Skip {
  const summary = summaryOf('the deployment', 'unknown-tool');
  const first = readable[0];
  if (!first) return { summary, why: 'no read tool answers a planned call with a value a correct answer must state' };
  const { tool, plan, stated } = first;
  const names = new Set(deployment.tools.map((t) => t.name));
  let invented = `${tool.name}_v2`;
  for (let n = 3; names.has(invented); n++) invented = `${tool.name}_v${n}`;
  const base = readDraft(tool, plan.input, stated);
  return {
    summary,
    about: `The model invents ${invented}, a tool the deployment does not have, and retries variations of it until a rejection tells it not to. Each such call must be rejected as an error that says not to call it again; more than 3 in a row must end the run.`,
    notes: { intent: 'The budget the retries could eat through; a run must end after more than 3 unknown tools in a row.', goal: 'Where the model never gives up its invention, the streak limit is as far as any runtime gets.' },
    scenario: {
      ...base,
      id: 'unknown-tool-call',
      title: `The model calls ${invented}, which does not exist, and retries it`,
      source: { seed: 'faultline generate', case: `unknown tool ${invented} beside ${tool.name}` },
      system: `${systemFor([tool])} Check every figure with a tool before you answer.`,
      model: { ...base.model, persona: 'hallucinator', invented: { name: invented, input: plan.input } },
      intent: { budget: BUDGET, unknownToolStreakMax: 3 },
      goal: { says: [phrase(stated)], orStop: ['unknown-tool-streak'] },
      checks: ['unknown-tool-rejected', 'unknown-tool-streak', 'tool-budget'],
      primaryCheck: 'unknown-tool-rejected',
    },
  };
}

/** The runaway case: every result suggests another call, and the prompt never says when to stop. */
export function runawayCase(readable: Readable[]): Case | Skip {
  const summary = summaryOf('the deployment', 'runaway');
  const chain = readable.slice(0, 5);
  if (!chain.length) return { summary, why: 'no read tool answers a planned call with a value a correct answer must state' };
  const says = chain.map((r) => phrase(r.stated));
  return {
    summary,
    about: `A research-minded model keeps making one more call after every result, and the prompt gives no stop criterion. The run must stay within its budget of ${BUDGET.toolCalls} tool calls and end with an answer or an explicit stop.`,
    notes: {
      system: 'Thoroughness with no termination criterion.',
      intent: 'The runtime cap: 12 tool calls; 12 tool turns and one answer turn.',
      goal: 'The model never stops asking for more: within the budget a runtime can only stop and say so.',
    },
    scenario: {
      id: 'runaway-tool-loop',
      title: 'Every result suggests another call and the prompt never says when to stop',
      source: { seed: 'faultline generate', case: `runaway loop over ${chain.map((r) => r.tool.name).join(', ')}` },
      task: `Find out everything you can, starting from ${chain.map((r) => `${r.tool.name} with ${argsText(r.plan.input)}`).join('; ')}.`,
      system: 'You are a research assistant. Use the available tools to research the question fully before composing your answer.',
      tools: chain.map((r) => ({ name: r.tool.name })),
      model: {
        persona: 'researcher',
        plan: chain.map((r) => ({ call: [{ name: r.tool.name, input: r.plan.input }] })),
        answer: chain.map((r) => answerFor(r.tool.name, r.stated)).join(' '),
      },
      intent: { budget: BUDGET },
      goal: { says, orStop: ['tool-budget'] },
      checks: ['tool-budget', 'answer-or-stop'],
      primaryCheck: 'tool-budget',
    },
  };
}

/** The read tools whose best planned call states a value (the same in a world seeded otherwise), in the order of the tools module. */
export async function readableTools(deployment: Deployment, plans: ReadonlyMap<string, Plans>, seed: number): Promise<Readable[]> {
  const out: Readable[] = [];
  for (const tool of deployment.tools.filter((t) => t.effect === 'read' && templatable(t))) {
    const plan = plans.get(tool.name)?.ok[0];
    if (!plan) continue;
    const stated = await statedOf(deployment, tool, plan, seed);
    if (stated) out.push({ tool, plan, stated });
  }
  return out;
}
