import fc from 'fast-check';
import { isPermanentStatus } from '../status.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import type { When } from '../faults/types.ts';
import { TIMER_MS_MAX } from '../timer-ms.ts';

/** One entry of a scenario's `faults`, as plain data. */
export type FaultSpec = { fault: string } & Record<string, unknown>;

/** One explored case: the scenario's faults as generated, and the scripted model's persona. */
export type ExploreCase = { faults: FaultSpec[]; persona: string };

/**
 * How many requests a schedule looks at when the declared one has no bound: a fault that strikes
 * every request, or each with a probability. Later requests are let through.
 */
export const HORIZON = 8;

/** Statuses the same retry decision applies to: a fault explores only its declared status's class. */
const RETRYABLE_STATUSES = [429, 500, 502, 503, 504];
const PERMANENT_STATUSES = [400, 403, 404, 410, 422];
const BALANCER_STATUSES = [500, 502, 503, 504];
const API_STATUSES = [429, 500, 503, 529];
const RETRY_AFTER_S_MAX = 10;

/**
 * Personas that follow the plan as written, answer from what the tools returned, and differ only
 * in how often they ask again after a failed call: either may stand in for the other. The rest
 * are what their scenario is about (or, like `optimist`, answer the same whatever happened, which
 * no runtime can make right), so they are never swapped in or out.
 */
const INTERCHANGEABLE_PERSONAS = ['diligent', 'retrier'];

/** One dimension of a fault's space: an arbitrary of parameter overrides, and what it ranges over. */
type Dimension = { arbitrary: fc.Arbitrary<Record<string, unknown>>; text: string };

/**
 * The space of one declared fault: the requests it strikes (never more than the declared schedule
 * could), its numeric parameters within sane ranges, the statuses of its declared retry class,
 * whether a lost call committed, and the arrival order of a parallel batch. Shrinking goes toward
 * fewer strikes, smaller numbers, the declared status and the identity order.
 */
export function faultSpace(declared: FaultSpec): { arbitrary: fc.Arbitrary<FaultSpec>; text: string[] } {
  const dimensions = (spaces[declared.fault] ?? scheduleOnly)(declared);
  const arbitrary = fc.tuple(...dimensions.map((d) => d.arbitrary)).map((parts) => withOverrides(declared, parts));
  return { arbitrary, text: dimensions.map((d) => d.text) };
}

/** The space of a whole scenario: every declared fault's, and (with `personas`) the interchangeable personas. */
export function scenarioSpace(scenario: Scenario, options: { personas?: boolean } = {}): fc.Arbitrary<ExploreCase> {
  const faults = (scenario.faults as FaultSpec[]).map((f) => faultSpace(f).arbitrary);
  return fc.record({ faults: fc.tuple(...faults), persona: fc.constantFrom(...personaSpace(scenario, options)) });
}

/** One line per dimension, for the CLI to print before it explores. */
export function describeSpace(scenario: Scenario, options: { personas?: boolean } = {}): string[] {
  const lines = (scenario.faults as FaultSpec[]).map((f, i) => {
    const target = typeof f.tool === 'string' ? ` on ${f.tool}` : '';
    return `faults[${i}] ${f.fault}${target}: ${faultSpace(f).text.join('; ')}`;
  });
  const personas = personaSpace(scenario, options);
  const couldVary = !options.personas && INTERCHANGEABLE_PERSONAS.includes(scenario.model.persona);
  lines.push(`persona: ${personas.join(' | ')}${couldVary ? ' (add --personas to vary it)' : ''}`);
  return lines;
}

/** Whether the space holds one case only: a scenario with no faults, and a persona that does not vary. */
export function spaceIsTrivial(scenario: Scenario, options: { personas?: boolean } = {}): boolean {
  return scenario.faults.length === 0 && personaSpace(scenario, options).length === 1;
}

/** The scenario as one case runs it: its faults and persona replaced by the case's. */
export function caseScenario(scenario: Scenario, c: ExploreCase): Scenario {
  return { ...scenario, faults: c.faults as Scenario['faults'], model: { ...scenario.model, persona: c.persona } };
}

function personaSpace(scenario: Scenario, options: { personas?: boolean }): string[] {
  const declared = scenario.model.persona;
  if (!options.personas || !INTERCHANGEABLE_PERSONAS.includes(declared)) return [declared];
  return [declared, ...INTERCHANGEABLE_PERSONAS.filter((p) => p !== declared)];
}

const spaces: Record<string, (declared: FaultSpec) => Dimension[]> = {
  'drop-reply': (d) => [schedule(d), commits()],
  'connection-reset': (d) => [schedule(d), commits()],
  'error-after-commit': (d) => [schedule(d), integer('commitMs', 0, 1_000), integer('replyAfterMs', 0, 60_000), status(d, BALANCER_STATUSES)],
  'error-status': (d) => {
    const retryable = !isPermanentStatus(d.status as number);
    return [schedule(d), status(d, retryable ? RETRYABLE_STATUSES : PERMANENT_STATUSES), ...(retryable ? [retryAfter()] : [])];
  },
  'slow-reply': (d) => [schedule(d), integer('delayMs', 0, timerCap(Math.max(2 * (d.delayMs as number), 60_000)))],
  latency: (d) => [schedule(d), latencyRange(timerCap(Math.max(2 * (d.maxMs as number), 1_000)))],
  reorder: (d) => [arrivalOrder(d.batch as number), integer('spacingMs', 1, 200)],
  'verbose-reply': (d) => [schedule(d), integer('extraChars', 1, Math.max(2 * (d.extraChars as number), 1))],
  'api-error': (d) => [schedule(d), status(d, API_STATUSES), retryAfter()],
};

function scheduleOnly(declared: FaultSpec): Dimension[] {
  return 'when' in declared ? [schedule(declared)] : [{ arbitrary: fc.constant({}), text: 'as declared' }];
}

/**
 * Which requests the fault strikes, as an explicit `when.strike` list (seed-free, so the shrunk
 * schedule replays exactly): half the time a run of the first n requests, as declared schedules
 * are, half the time any subset (an intermittent fault). Never more than the declared schedule
 * could strike: within the declared `strike` list, or the first `first` (its upper bound); with a
 * probability, or for a fault declared on every request, within the first HORIZON requests (and,
 * for the latter, every request, as declared).
 */
function schedule(declared: FaultSpec): Dimension {
  const w = (declared.when ?? {}) as When;
  // A schedule aimed at some calls (`match`) stays aimed at them: the strikes count their requests only.
  const strikes = (requests: number[]) => strikesOf(requests, w.match);
  if (w.strike !== undefined) {
    const listed = [...new Set(w.strike)].sort((a, b) => a - b);
    return { arbitrary: strikes(listed), text: `when.strike ⊆ {${listed.join(', ')}} (declared: strike ${JSON.stringify(w.strike)})` };
  }
  const bound = Array.isArray(w.first) ? w.first[1] : (w.first ?? 0);
  if (w.first === undefined && w.probability === undefined) {
    const arbitrary = fc.oneof({ weight: 2, arbitrary: strikes(upTo(HORIZON)) }, { weight: 1, arbitrary: fc.constant({ when: w.match ? { match: w.match } : {} }) });
    return { arbitrary, text: `every request, or when.strike ⊆ {1..${HORIZON}} (declared: every request)` };
  }
  const declaredText = `declared: ${JSON.stringify(w)}`;
  if (w.probability !== undefined && w.probability > 0) {
    const n = Math.max(bound, HORIZON);
    return { arbitrary: strikes(upTo(n)), text: `when.strike ⊆ {1..${n}} (${declaredText})` };
  }
  return { arbitrary: strikes(upTo(bound)), text: bound ? `when.strike ⊆ {1..${bound}} (${declaredText})` : `never strikes (${declaredText})` };
}

/** A run of the first n of `requests`, or any subset of them; both shrink toward striking nothing. */
function strikesOf(requests: number[], match: When['match']): fc.Arbitrary<Record<string, unknown>> {
  const prefix = fc.integer({ min: 0, max: requests.length }).map((n) => requests.slice(0, n));
  return fc.oneof(prefix, fc.subarray(requests)).map((strike) => ({ when: match ? { strike, match } : { strike } }));
}

function commits(): Dimension {
  return { arbitrary: fc.boolean().map((commit) => ({ commit })), text: 'commit ∈ {false, true}' };
}

function integer(name: string, min: number, max: number): Dimension {
  return { arbitrary: fc.integer({ min, max }).map((n) => ({ [name]: n })), text: `${name} ∈ [${min}, ${max}]` };
}

/** The declared status first (where shrinking goes), then the rest of its class. */
function status(declared: FaultSpec, legal: number[]): Dimension {
  const statuses = [...new Set([declared.status as number, ...legal])];
  return { arbitrary: fc.constantFrom(...statuses).map((s) => ({ status: s })), text: `status ∈ {${statuses.join(', ')}}` };
}

function retryAfter(): Dimension {
  return {
    arbitrary: fc.option(fc.integer({ min: 0, max: RETRY_AFTER_S_MAX }), { nil: undefined }).map((retryAfterS) => ({ retryAfterS })),
    text: `retryAfterS: none or ∈ [0, ${RETRY_AFTER_S_MAX}]`,
  };
}

function latencyRange(max: number): Dimension {
  const arbitrary = fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).map(([a, b]) => ({ minMs: Math.min(a, b), maxMs: Math.max(a, b) }));
  return { arbitrary, text: `0 ≤ minMs ≤ maxMs ≤ ${max}` };
}

/** Any arrival order of a batch, the identity included. */
function arrivalOrder(batch: number): Dimension {
  return { arbitrary: permutation(batch).map((order) => ({ order })), text: `order: any permutation of 1..${batch}` };
}

/**
 * A permutation of 1..n from its Lehmer code (digit i in [0, n-1-i]): every permutation is equally
 * likely, and shrinking the digits toward 0 moves toward the identity, one transposition at a time.
 *
 * @example
 * fc.sample(permutation(3), 2); // e.g. [[2, 3, 1], [1, 2, 3]]
 */
export function permutation(n: number): fc.Arbitrary<number[]> {
  const digits = Array.from({ length: n }, (_, i) => fc.integer({ min: 0, max: n - 1 - i }));
  return fc.tuple(...digits).map((code) => {
    const pool = upTo(n);
    return code.map((k) => pool.splice(k, 1)[0] as number);
  });
}

/** The declared fault with a case's overrides; an override of `undefined` removes the parameter. */
function withOverrides(declared: FaultSpec, parts: Record<string, unknown>[]): FaultSpec {
  const out: Record<string, unknown> = { ...declared };
  for (const [key, value] of parts.flatMap((p) => Object.entries(p))) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out as FaultSpec;
}

// Twice a declared delay can pass what a timer holds; a drawn case must validate as the declared one did.
const timerCap = (ms: number) => Math.min(ms, TIMER_MS_MAX);
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
