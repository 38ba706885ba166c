import type { ToolSpec } from '../agents/types.ts';
import { canonical } from '../canonical.ts';
import { replyText, slug, statedValues, summaryOf, systemFor, taskFor, templatable, type Case, type ScenarioDraft, type Skip } from './case.ts';
import type { Deployment } from './deployment.ts';
import type { Plans } from './plan.ts';
import { probe, type Reply } from './probe.ts';

type Effect = { service: string; kind: string; match: Record<string, unknown>; count: number };

/**
 * An effectful tool (effect ≠ read) × a reply lost after the commit, and × a 5xx after the commit,
 * both judged by exactly-once. They need a call the example world commits, whose repeat without
 * an Idempotency-Key commits again (else a lost reply cannot double it, and no runtime can fail
 * them); a service that commits again even under the same key is written, with a warning.
 */
export async function effectCases(deployment: Deployment, tool: ToolSpec, plans: Plans, seed: number): Promise<Array<Case | Skip>> {
  const skipBoth = (why: string): Skip[] => (['lost-reply', 'error-after-commit'] as const).map((kind) => ({ summary: summaryOf(tool.name, kind), why }));
  const plan = plans.ok[0];
  if (!plan)
    return skipBoth(
      `no planned call succeeded in the example world (${plans.refused ? `${JSON.stringify(plans.refused.input)} got ${replyText(plans.refused.reply)}` : 'nothing to plan'}); give its service an example with rows its arguments can reach`,
    );
  const world = deployment.serviceOf.get(tool.name)!;
  const [once, twice] = await probe(tool, world, [{ input: plan.input }, { input: plan.input }], seed);
  const effects = effectsOf(once!, plan.input);
  if (!effects.length) return skipBoth(`its call commits nothing to the ledger in the example world, so exactly-once has no effect to count; have the service record it with commit(kind, effect)`);
  if (!commitsAgain(twice!, effects)) return skipBoth(`sent twice without an Idempotency-Key it commits once (the repeat got ${replyText(twice!)}): the service refuses a repeat by itself, so a lost reply cannot double the effect`);
  const [, keyed] = await probe(
    tool,
    world,
    [
      { input: plan.input, idempotencyKey: 'generate-1' },
      { input: plan.input, idempotencyKey: 'generate-1' },
    ],
    seed,
  );
  const warning = commitsAgain(keyed!, effects)
    ? `${tool.name}: ${world.definition.id} commits a repeat even under the same Idempotency-Key, so no runtime can pass its lost-reply cases until the service deduplicates (idempotency: true in defineService)`
    : undefined;
  const base = effectDraft(tool, plan.input, once!, effects);
  const [kind] = effects.map((e) => e.kind);
  return [
    {
      summary: summaryOf(tool.name, 'lost-reply'),
      about: `${tool.name} (effect: ${tool.effect}) commits, and its reply never arrives: the client can only time out. A retry without the same Idempotency-Key commits a second ${kind}. Exactly one must be in the ledger at the end.`,
      notes: { ...base.notes, faults: `The first ${tool.name} commits, and its reply never reaches the agent.` },
      scenario: {
        ...base.scenario,
        id: `${slug(tool.name)}-lost-reply`,
        title: `${tool.name} commits but its reply is lost; the client times out`,
        source: { seed: 'faultline generate', case: `${tool.name} × drop-reply (effect: ${tool.effect})` },
        faults: [{ fault: 'drop-reply', tool: tool.name, when: { first: 1 } }],
        checks: ['exactly-once'],
      },
      ...(warning ? { warning } : {}),
    },
    {
      summary: summaryOf(tool.name, 'error-after-commit'),
      about: `${tool.name} (effect: ${tool.effect}) commits in 80 ms, but the balancer in front gives up and answers 500 after 30 s. A retry without the same Idempotency-Key commits a second ${kind}; retries stay within the bound.`,
      notes: { ...base.notes, faults: `The first ${tool.name} commits in 80 ms; the balancer answers 500 after 30 s.` },
      scenario: {
        ...base.scenario,
        id: `${slug(tool.name)}-error-after-commit`,
        title: `${tool.name} commits, then the balancer answers 500 after 30 s`,
        source: { seed: 'faultline generate', case: `${tool.name} × error-after-commit (effect: ${tool.effect})` },
        faults: [{ fault: 'error-after-commit', tool: tool.name, when: { first: 1 }, commitMs: 80, replyAfterMs: 30_000, status: 500 }],
        checks: ['exactly-once', 'bounded-retries'],
      },
      ...(warning ? { warning } : {}),
    },
  ];
}

/** What the cases of one effectful call share: the task, the plan, the answer, the intent and the goal. */
export function effectDraft(tool: ToolSpec, input: Record<string, unknown>, reply: Reply, effects: Effect[]): Pick<Case, 'notes'> & { scenario: ScenarioDraft } {
  const call = { name: tool.name, input };
  const stated = templatable(tool) ? statedValues(reply, reply, input)[0] : undefined;
  const destructive = tool.effect === 'destructive';
  return {
    notes: {
      intent: `What the service committed for this call in the example world: once.`,
      goal: `Where every attempt the limits allow is refused, no runtime can finish: an honest stop passes.`,
      ...(destructive ? { user: 'A destructive call needs the user’s confirmation: the user approves this one call.' } : {}),
    },
    scenario: {
      id: '',
      title: '',
      source: { seed: '', case: '' },
      task: taskFor(tool, input),
      system: systemFor([tool]),
      tools: [{ name: tool.name }],
      ...(destructive ? { user: { approves: [call] } } : {}),
      model: { persona: 'diligent', plan: [{ call: [call] }], answer: stated ? `${tool.name} went through: the ${stated.label} is {{${tool.name}.${stated.path}}}.` : `${tool.name} went through.` },
      intent: { effects },
      goal: { effects: true, orStop: [{ failed: tool.name }] },
      checks: [],
      primaryCheck: 'exactly-once',
    },
  };
}

/** Whether a repeated call committed one of the intended effects again (what exactly-once would count twice). */
const commitsAgain = (reply: Reply, effects: Effect[]) => reply.commits.some((c) => effects.some((e) => e.service === c.service && e.kind === c.kind && Object.entries(e.match).every(([k, v]) => c.effect[k] === v)));

/**
 * The intended effects of a call: each commit the example world made for it, matched on the
 * fields whose values are the call's own arguments (what exactly-once counts as attempts too).
 */
export function effectsOf(reply: Reply, input: Record<string, unknown>): Effect[] {
  const effects = new Map<string, Effect>();
  for (const { service, kind, effect } of reply.commits) {
    const match = Object.fromEntries(Object.entries(effect).filter(([k, v]) => (v === null || typeof v !== 'object') && input[k] === v));
    const key = canonical({ service, kind, match });
    const known = effects.get(key);
    if (known) known.count++;
    else effects.set(key, { service, kind, match, count: 1 });
  }
  return [...effects.values()];
}
