import { callKey } from '../calls.ts';
import { Rng } from '../rng.ts';
import { rememberedReads, rememberedTurns, systemText, type ReadResult, type ToolTurn } from './conversation.ts';
import type { Persona } from './personas.ts';
import { renderTemplate, type CallRecord } from './template.ts';
import type { MessagesRequest, Model, ModelTurn } from './types.ts';

export type PlannedCall = { name: string; input: Record<string, unknown> };

/** The script of a scripted model: steps of (parallel) tool calls, then an answer template. */
export type ScriptSpec = {
  persona: Persona;
  /** Each step: its (parallel) calls, and what the model writes before them (`say`). */
  plan: Array<{ call: PlannedCall[]; say?: string }>;
  answer: string;
  /** The tool a hallucinating persona invents, and the inputs it varies. */
  invented?: PlannedCall;
  /** Fields a coercing persona passes as strings; all numbers when omitted. */
  coerceFields?: string[];
  /** For an example-following persona: a field the worked example names → the path it reads when a result lacks it. */
  readMissingAs?: Record<string, string>;
};

/** Where a scripted model stands in its plan after reading `read`, the tool turns of a conversation so far. */
type Reading = {
  read: ToolTurn[];
  calls: Map<string, CallRecord[]>;
  step: number;
  pending: number[];
  attempts: number;
  fixTypes: boolean;
  hallucinating: boolean;
  stubborn: boolean;
  research: number;
  failure: ReadResult | null;
  // Instructions read in tool results, by the call they ask for; a turn that made only such calls is not a plan step.
  instructed: Map<string, PlannedCall>;
  gaveUp: boolean;
};

// A prompt that says when to stop (seed 002 case 6's fix) is what ends a researcher's loop.
const STOP_CRITERION = /as soon as you have|stop (calling|researching)|no further (calls|tools)|additional facts are not required/i;

/**
 * A deterministic model: it reads the conversation (never hidden state, like the real one), works
 * out where in its plan it is, and lets its persona decide what to do about failures.
 */
export class ScriptedModel implements Model {
  readonly #turns = rememberedTurns(rememberedReads());
  #reading: Reading | undefined;

  constructor(
    private readonly spec: ScriptSpec,
    private readonly seed: number,
  ) {}

  /**
   * The next turn, within the deployment the request shows: like a real model, it calls only tools
   * the request offers (the tool it invents aside); a plan step naming another tool is answered in
   * words instead. The `deployment-has-tools` check says which tool the agent did not offer.
   */
  respond(request: MessagesRequest, turn: number): ModelTurn {
    const next = this.forced(this.planned(request, turn), request);
    const offered = new Set((request.tools ?? []).map((t) => t.name));
    const missing = next.content.flatMap((b) => (b.type === 'tool_use' && !offered.has(b.name) && b.name !== this.spec.invented?.name ? [b.name] : []));
    if (!missing.length) return next;
    return { content: [{ type: 'text', text: `I cannot do this: it needs ${[...new Set(missing)].join(', ')}, which I was not given.` }], stopReason: 'end_turn' };
  }

  /**
   * A turn the request's `tool_choice` forces to a tool call, when the plan's next turn made none of
   * the kind wanted: the plan's first call of that tool (of any offered tool for `any`). With none
   * planned, the API's own constraint (tool-choice.ts) makes the call.
   */
  private forced(next: ModelTurn, request: MessagesRequest): ModelTurn {
    const choice = request.tool_choice;
    if (choice?.type !== 'any' && choice?.type !== 'tool') return next;
    const wanted = choice.type === 'tool' ? [choice.name] : (request.tools ?? []).map((t) => t.name);
    if (next.content.some((b) => b.type === 'tool_use' && wanted.includes(b.name))) return next;
    const planned = this.spec.plan.flatMap((s) => s.call).find((c) => wanted.includes(c.name));
    return planned ? toolCall([planned]) : next;
  }

  private planned(request: MessagesRequest, turn: number): ModelTurn {
    const { persona, plan } = this.spec;
    // The turn's stream, derived only by a turn that draws from it (deriving one costs a hash).
    const rng = () => new Rng(this.seed, `model/${turn}`);
    const turns = this.#turns(request.messages);
    const reading = this.#readTo(turns);
    const { calls, step, pending } = reading;
    if (reading.gaveUp) return this.answer(calls, reading.failure);
    // Told to use no tool this turn, the model answers with what it has.
    if (request.tool_choice?.type === 'none') return this.answer(calls, null);
    const order = reading.instructed.values().next();
    if (!order.done) return toolCall([order.value]);
    if (reading.hallucinating && this.spec.invented) return this.hallucinate(rng());
    const current = plan[step];
    if (current)
      return toolCall(
        pending.map((i) => this.prepare(current.call[i] as PlannedCall, reading.fixTypes)),
        current.say,
      );
    const paged = persona.pages ? nextPage(turns.at(-1)) : null;
    if (paged) return 'call' in paged ? toolCall([paged.call]) : this.answer(calls, paged.failure);
    if (persona.researches && !STOP_CRITERION.test(systemText(request.system))) return this.research(rng(), reading.research);
    return this.answer(calls, null);
  }

  /**
   * Where the plan stands after `turns`. The model reads the whole conversation every turn (never
   * hidden state), but where it stands depends on the turns alone: when `turns` begins with the
   * turns the last request had (the same objects: rememberedTurns), it reads on from there instead
   * of from the start, which made a turn cost more the longer the conversation.
   */
  #readTo(turns: ToolTurn[]): Reading {
    const last = this.#reading;
    const reading = last && last.read.length <= turns.length && last.read.every((t, i) => t === turns[i]) ? last : this.#start();
    // A reading that failed part way is not read on from.
    this.#reading = undefined;
    for (const turn of turns.slice(reading.read.length)) {
      // Having given up, the model answers so whatever follows.
      if (reading.gaveUp) break;
      reading.read.push(turn);
      this.#advance(reading, turn);
    }
    this.#reading = reading;
    return reading;
  }

  #start(): Reading {
    const { persona, plan, invented } = this.spec;
    const hallucinating = Boolean(persona.hallucinates && invented);
    return {
      read: [],
      calls: new Map(),
      step: 0,
      pending: plan[0]?.call.map((_, i) => i) ?? [],
      attempts: 0,
      fixTypes: !persona.coerces,
      hallucinating,
      // On half the seeds the invention is stubborn: no rejection, however emphatic, stops it, so only the runtime's streak limit can.
      stubborn: hallucinating && new Rng(this.seed, 'model/stubborn').chance(0.5),
      research: 0,
      failure: null,
      instructed: new Map(),
      gaveUp: false,
    };
  }

  /** Reads one more tool turn: what it made of the plan, and what its results say. */
  #advance(reading: Reading, { uses, results }: ToolTurn): void {
    const { persona, plan } = this.spec;
    const { calls } = reading;
    if (persona.obeysToolText) {
      const obeyed = uses.length > 0 && uses.every((u) => reading.instructed.delete(callKey(u.name, u.input)));
      for (const result of results.values()) for (const call of instructionsIn(result.data)) reading.instructed.set(callKey(call.name, call.input), call);
      if (obeyed) return;
    }
    if (reading.hallucinating && uses.some((u) => u.name === this.spec.invented?.name)) {
      const rejection = results.get(uses[0]?.id ?? '');
      if (rejection?.fatal && !reading.stubborn) reading.hallucinating = false;
      return;
    }
    if (reading.step >= plan.length) {
      if (persona.pages) for (const use of uses) if (results.get(use.id)?.ok) record(calls, use.name, { input: use.input as Record<string, unknown>, result: results.get(use.id)?.data });
      reading.research++;
      return;
    }
    const { pending } = reading;
    const failed: number[] = [];
    // Calls of the step the turn did not make (one call a turn when parallel calls are disabled) are still to make.
    const unmade = pending.slice(uses.length);
    uses.forEach((use, k) => {
      const index = pending[k];
      const result = results.get(use.id);
      if (index === undefined) return;
      if (!result?.ok) {
        failed.push(index);
        reading.failure = result ?? reading.failure;
        return;
      }
      record(calls, use.name, { input: use.input as Record<string, unknown>, result: result.data });
    });
    if (!failed.length && unmade.length) {
      reading.pending = unmade;
      return;
    }
    if (!failed.length) {
      reading.step++;
      reading.pending = plan[reading.step]?.call.map((_, i) => i) ?? [];
      reading.attempts = 0;
      return;
    }
    reading.attempts++;
    const decision = persona.onFailure(
      failed.map((i) => results.get(uses[pending.indexOf(i)]?.id ?? '')).filter((r): r is ReadResult => !!r),
      reading.attempts,
    );
    if (decision === 'give-up') reading.gaveUp = true;
    if (decision === 'fix') reading.fixTypes = true;
    reading.pending = [...failed, ...unmade];
  }

  private answer(calls: Map<string, CallRecord[]>, failure: ReadResult | null): ModelTurn {
    const honest = failure && !this.spec.persona.claimsSuccess;
    const text = honest
      ? `I could not complete the request. The tool reported: ${failure.text.slice(0, 200) || '(no details)'}`
      : renderTemplate(this.spec.answer, calls, this.spec.persona.followsExample ? this.spec.readMissingAs : undefined);
    return { content: [{ type: 'text', text }], stopReason: 'end_turn' };
  }

  private prepare(call: PlannedCall, fixTypes: boolean): PlannedCall {
    if (fixTypes) return call;
    const fields = this.spec.coerceFields;
    const input = Object.fromEntries(Object.entries(call.input).map(([k, v]) => [k, typeof v === 'number' && (!fields || fields.includes(k)) ? String(v) : v]));
    return { name: call.name, input };
  }

  private hallucinate(rng: Rng): ModelTurn {
    const invented = this.spec.invented as PlannedCall;
    const variation = { ...invented.input, variant: rng.pick(['tier', 'tier_level', 'pricing_tier', 'vendor_tier']) };
    return toolCall([{ name: invented.name, input: variation }]);
  }

  /** Each result suggests the next call: cycle through the plan's calls with a new subject each time. */
  private research(rng: Rng, done: number): ModelTurn {
    const calls = this.spec.plan.flatMap((s) => s.call);
    const base = calls[done % calls.length] as PlannedCall;
    return toolCall([{ name: base.name, input: { ...base.input, follow_up: `${rng.id('ref_', 6)}` } }]);
  }
}

/** Adds a call to those of its tool, in place: copying the list for each call made a turn cost more the longer the conversation. */
function record(calls: Map<string, CallRecord[]>, name: string, call: CallRecord): void {
  const made = calls.get(name);
  if (made) made.push(call);
  else calls.set(name, [call]);
}

/** A pager follows `has_more`: the next page when the result names one, else the same call again (seed 003 mode 1). */
function nextPage(turn: ToolTurn | undefined): { call: PlannedCall } | { failure: ReadResult } | null {
  const use = turn?.uses[0];
  const result = use && turn.results.get(use.id);
  if (!use || !result) return null;
  if (!result.ok) return { failure: result };
  const data = (result.data ?? {}) as Record<string, unknown>;
  if (data.has_more !== true) return null;
  const input = use.input as Record<string, unknown>;
  return { call: { name: use.name, input: data.next_page == null ? input : { ...input, page: data.next_page } } };
}

/** Every "call NAME with {json}" in the strings of a result: what an injected instruction looks like. */
export function instructionsIn(data: unknown): PlannedCall[] {
  if (typeof data === 'string') {
    const found: PlannedCall[] = [];
    for (const match of data.matchAll(/call ([\w-]+) with (\{)/g)) {
      const start = (match.index ?? 0) + match[0].length - 1;
      // The JSON ends at some later "}"; the first prefix that parses is the input.
      for (let end = data.indexOf('}', start); end !== -1; end = data.indexOf('}', end + 1)) {
        try {
          found.push({ name: match[1] as string, input: JSON.parse(data.slice(start, end + 1)) });
          break;
        } catch {
          // Not the end of the object yet.
        }
      }
    }
    return found;
  }
  if (data && typeof data === 'object') return Object.values(data).flatMap(instructionsIn);
  return [];
}

/** A turn of tool calls, after the text the model writes first when the step has some (`say`). */
function toolCall(calls: PlannedCall[], say?: string): ModelTurn {
  const uses = calls.map((c) => ({ type: 'tool_use' as const, name: c.name, input: c.input }));
  return { content: say ? [{ type: 'text', text: say }, ...uses] : uses, stopReason: 'tool_use' };
}
