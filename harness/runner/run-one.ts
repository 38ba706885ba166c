import Anthropic from '@anthropic-ai/sdk';
import type { Scenario } from '../../scenarios/schema.ts';
import { taskOf } from '../../scenarios/limits.ts';
import { servicesOf } from '../../scenarios/services.ts';
import type { Agent, AgentEnv } from '../agents/types.ts';
import { canonical } from '../canonical.ts';
import { RealClock, VirtualClock } from '../clock.ts';
import { apiFaults, toolFaults } from '../faults/index.ts';
import type { ApiFault, ToolFault } from '../faults/types.ts';
import { eventsOf, type AgentErrorKind, type HistoryEvent } from '../history.ts';
import { modeFlags, modelSession, type ModelMode, type ModelSession } from '../live/session.ts';
import { RunStop } from '../live/upstream.ts';
import { createMessagesApi } from '../model/api.ts';
import { personas } from '../model/personas.ts';
import { ScriptedModel } from '../model/scripted.ts';
import { mcpRoutes } from '../services/mcp/routes.ts';
import { serviceRoutes } from '../services/serve.ts';
import { hashToInt, Rng } from '../rng.ts';
import { REQUESTER, World } from '../world.ts';
import { enterRun, firstLines } from './containment.ts';
import { directFetch } from './direct-fetch.ts';
import { requestView } from './request-view.ts';
import { hermeticFetch, MESSAGES_API_ORIGIN } from './hermetic.ts';
import { mswServerIfStarted } from './msw-started.ts';
import type { FaultsStruck, RunRecord } from './record.ts';
import { judge } from './judge.ts';
import { replayCommand } from './replay-command.ts';

/** `scenarioRef` is how the user named the scenario (an id, or a scenario file's path): what the replay command uses. Default: its id. */
export type RunSpec = {
  scenario: Scenario;
  agent: Agent;
  agentRef: string;
  seed: number;
  trial: number;
  scenarioRef?: string;
  model?: ModelMode;
  /**
   * Called once the agent is done and the run's own patches are undone, before judging (the worker
   * puts back globals the agent replaced); `faulted` when the agent exited or let an error escape.
   */
  afterAgent?: (outcome: { faulted: boolean }) => void;
  /** The service files the run's scenario files were loaded with besides their own (a config's `services`): the replay command names them. */
  serviceFiles?: readonly string[];
  /**
   * Whether the agent may reach the world past the run's `fetch` and client (node:http or https, a
   * `fetch` it kept from before the run), so MSW must intercept those too (default true). The
   * bundled runtimes use only the two: without MSW (false) the run is several times cheaper, and a
   * request the run's fetch cannot serve is refused and recorded as MSW would. MSW started for
   * another run serves this one too.
   */
  intercept?: boolean;
};

/** The seed a trial actually runs with: trial 1 is the seed itself, later trials derive from it. */
function trialSeed(seed: number, trial: number): number {
  return trial === 1 ? seed : hashToInt(`${seed}/trial/${trial}`);
}

/**
 * Runs one scenario against one agent with one seed and judges it: in virtual time with the
 * scenario's scripted model or a cassette, in real time with a live model. The agent throwing,
 * deadlocking or outliving the time cap is recorded as a verdict, not raised; a run the budget or
 * a cassette miss stopped is judged by nothing (`run-stopped`).
 */
export function runOne(spec: RunSpec): Promise<RunRecord> {
  const run = previous.then(() => runAlone(spec));
  previous = run.catch(() => {});
  return run;
}

// A run takes over process-wide state (the clock, fetch, Math.random, MSW's handlers), so runs in
// one process take turns: a run started while another is still going (a test that timed out and
// left its run behind) waits for it instead of failing on the clock it left installed.
let previous: Promise<unknown> = Promise.resolve();

async function runAlone({ scenario, agent, agentRef, seed, trial, scenarioRef = scenario.id, model: mode = { kind: 'scripted' }, afterAgent, serviceFiles = [], intercept = true }: RunSpec): Promise<RunRecord> {
  const servicesFlag = serviceFiles.length ? ` --services ${serviceFiles.join(',')}` : '';
  const wallStart = performance.now();
  const rng = new Rng(trialSeed(seed, trial));
  const clock = mode.kind === 'live' ? new RealClock() : new VirtualClock();
  const world = new World(rng, clock, REQUESTER);
  const serviceCredential = scenario.serviceAccount ? rng.child('secrets/service-account').id('svc_', 32) : undefined;
  if (serviceCredential && scenario.serviceAccount) world.addCredential(serviceCredential, { ...scenario.serviceAccount, kind: 'service' });
  const { tool, api, struck } = buildFaults(scenario, rng);
  const services = servicesOf(scenario);
  let stopRun: (error: RunStop) => void = () => {};
  const stopped = new Promise<never>((_, reject) => (stopRun = reject));
  const stop = (error: RunStop) => (stopped.catch(() => {}), stopRun(error), error);
  // What the agent does to the process (an exit, an escaped error) ends its run; the first one says why.
  let fault: AgentFault | undefined;
  let endRun: (error: AgentFault) => void = () => {};
  const faulted = new Promise<never>((_, reject) => (endRun = reject));
  faulted.catch(() => {});
  let session: ModelSession | undefined;
  let messagesApi: (request: Request) => Promise<Response>;
  if (mode.kind === 'scripted') {
    const model = new ScriptedModel({ ...scenario.model, persona: personas[scenario.model.persona] as never }, rng.child('model').seed);
    messagesApi = createMessagesApi({ world, model, faults: api, latencyMs: scenario.model.latencyMs, models: [scenario.model.name] });
  } else {
    const key = { scenario: scenario.id, agent: agentRef, seed, trial };
    session = modelSession(mode, { world, faults: api, key, rerecord: replayCommand(scenarioRef, agentRef, seed, trial, 'live', modeFlags(mode)) + servicesFlag, stop });
    messagesApi = session.api;
  }
  const client = new Anthropic({
    apiKey: world.apiKey,
    baseURL: 'https://api.anthropic.com',
    // Served in-process through the client's fetch: several times cheaper than MSW's interceptor.
    // The signal is honoured here, not handed to the Request: undici's signal linking is costly.
    // The API reads a view of the request, not a Request built to be read back (request-view.ts).
    fetch: (input, init) => abortable(messagesApi(requestView(input, init) ?? new Request(input as string, { ...(init as RequestInit), signal: null })), (init as RequestInit | undefined)?.signal),
  });
  const httpRoutes = serviceRoutes(world, services, tool, scenario.tools);
  // Every service a tool reaches is also an MCP server, for agents that reach their tools over MCP.
  const mcp = mcpRoutes(world, services, httpRoutes, scenario.tools, tool);
  const routes = [...httpRoutes, ...mcp.routes];
  // MSW (and the module that loads it) only for a run that needs it, or one in a process where it already runs.
  const msw = intercept || mswServerIfStarted() ? await mswModule() : undefined;
  const server = msw?.mswServer() ?? null;
  // MSW captures a stack trace per handler for its logs; with source maps on, that was ~40% of setup.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    server?.resetHandlers(...msw!.runHandlers(routes, messagesApi, world));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const outerFetch = globalThis.fetch;

  const modelName = (mode.kind !== 'scripted' && mode.modelName) || scenario.model.name;
  const task = taskOf(scenario, modelName);
  const controller = new AbortController();
  world.history.add({ type: 'run-start', scenario: scenario.id, agent: agentRef, seed, trial });
  clock.install();
  // Libraries draw jitter from Math.random (the SDK's retry backoff): seeded per run, or the same
  // seed would give a different history in every process.
  const mathRandom = Math.random;
  const random = rng.child('Math.random');
  Math.random = () => random.float();
  // What the run's fetch does not serve goes to MSW's fetch (its hermetic handler), or without MSW is refused here alike.
  globalThis.fetch = directFetch(routes, server ? outerFetch : hermeticFetch(world), new Map([[MESSAGES_API_ORIGIN, messagesApi]]));
  const leave = enterRun({
    fault: (kind, message) => endRun((fault ??= new AgentFault(kind, message))),
    blocked: (method, url) => world.history.add({ type: 'unhandled-request', method, url }),
  });
  try {
    const env: AgentEnv = {
      client,
      credential: world.userToken,
      signal: controller.signal,
      confirm: confirmer(scenario, world),
      ...(serviceCredential ? { serviceCredential } : {}),
      ...(mcp.servers.length ? { mcp: { servers: mcp.servers } } : {}),
    };
    const outcome = await clock.drive(Promise.race([Promise.resolve().then(() => agent.run(task, env)), stopped, faulted]), scenario.limits.virtualMsMax);
    if (outcome.status === 'rejected' && outcome.error instanceof RunStop) {
      world.history.add({ type: 'run-stopped', reason: outcome.error.reason, message: outcome.error.message });
    } else if (fault) {
      world.history.add({ type: 'agent-error', kind: fault.kind, message: fault.message });
    } else if (outcome.status === 'uncaught') {
      world.history.add({ type: 'agent-error', kind: 'uncaught', message: `uncaught exception in a timer callback: ${firstLines(outcome.error)}` });
    } else if (outcome.status === 'settled') {
      const reply = replyOf(outcome.value);
      world.history.add(reply.ok ? { type: 'agent-reply', text: reply.text, stopReason: reply.stopReason } : { type: 'agent-error', kind: 'bad-reply', message: reply.problem });
    } else if (outcome.status === 'rejected') {
      world.history.add({ type: 'agent-error', kind: 'threw', message: firstLines(outcome.error) });
    } else if (outcome.status === 'deadlock') {
      const why = outcome.waitingOn ?? 'no timer or I/O is pending';
      world.history.add({ type: 'agent-error', kind: 'deadlock', message: `the agent is waiting on something that can never happen: ${why}` });
    } else {
      world.history.add({ type: 'agent-error', kind: 'virtual-time-cap', message: `still running after ${scenario.limits.virtualMsMax} ms of virtual time` });
    }
  } finally {
    leave();
    abortQuietly(controller);
    globalThis.fetch = outerFetch;
    Math.random = mathRandom;
    clock.uninstall();
    server?.resetHandlers();
    afterAgent?.({ faulted: fault !== undefined });
  }
  const late = session?.finish(eventsOf(world.history.events, 'run-stopped').length > 0);
  if (late) world.history.add({ type: 'run-stopped', reason: late.reason, message: late.message });
  closeOpenCalls(world.history.events, (e) => world.history.add(e));
  const faultsStruck = faultsStruckOf(scenario, struck);
  const record = judge(scenario, agentRef, seed, trial, world.history.events, world.history.serialize(), clock.now(), performance.now() - wallStart, scenarioRef, faultsStruck);
  if (agent.name && agent.name !== agentRef) record.agentName = agent.name;
  // A live run is replayed from the cassette it just recorded.
  return { ...record, replay: (mode.kind === 'scripted' ? record.replay : replayCommand(scenarioRef, agentRef, seed, trial, 'replay', modeFlags(mode))) + servicesFlag };
}

// Imported once: a dynamic import() of a module already loaded still goes through the loader's
// hooks every time (tsx's resolve, on its own thread): 7 % of a run's CPU where MSW runs.
let mswImport: Promise<typeof import('./msw.ts')> | undefined;
const mswModule = () => (mswImport ??= import('./msw.ts'));

/** Why a run ended by force (containment.ts): its kind and message become the run's agent-error. */
class AgentFault extends Error {
  constructor(
    readonly kind: AgentErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** An agent resolves to `{ text, stopReason? }` (or a plain string); anything else is a reply no user could read. */
function replyOf(value: unknown): { ok: true; text: string; stopReason: string | null } | { ok: false; problem: string } {
  if (typeof value === 'string') return { ok: true, text: value, stopReason: null };
  const reply = value as { text?: unknown; stopReason?: unknown } | null;
  if (typeof reply === 'object' && reply !== null && typeof reply.text === 'string') {
    return { ok: true, text: reply.text, stopReason: typeof reply.stopReason === 'string' ? reply.stopReason : null };
  }
  const shown = (() => {
    try {
      return JSON.stringify(value)?.slice(0, 80) ?? String(value);
    } catch {
      return String(value);
    }
  })();
  return { ok: false, problem: `the agent resolved to ${shown}; Agent.run must resolve to { text: string, stopReason? } (or a string)` };
}

/** The scenario's user at the confirmation gate: approves exactly the calls it lists, and the history records each answer. */
function confirmer(scenario: Scenario, world: World): NonNullable<AgentEnv['confirm']> {
  const approved = new Set(scenario.user.approves.map((c) => canonical({ tool: c.name, input: c.input })));
  return async ({ tool, input, summary }) => {
    const yes = approved.has(canonical({ tool, input }));
    world.history.add({ type: 'confirmation', tool, input, summary: String(summary), approved: yes });
    return yes;
  };
}

/**
 * The run's faults, one per entry of `scenario.faults`, and which of those entries have struck so
 * far: each fault's `strike` is wrapped to note its entry before it records the history event (the
 * history itself is unchanged).
 */
function buildFaults(scenario: Scenario, rng: Rng): { tool: ToolFault[]; api: ApiFault[]; struck: ReadonlySet<number> } {
  const tool: ToolFault[] = [];
  const api: ApiFault[] = [];
  const struck = new Set<number>();
  scenario.faults.forEach((spec, i) => {
    const name = (spec as { fault: string }).fault;
    const stream = rng.child(`fault/${i}/${name}`);
    const note = <C extends { strike(detail: string): void }>(ctx: C): C => ({ ...ctx, strike: (detail: string) => (struck.add(i), ctx.strike(detail)) });
    if (name in toolFaults) {
      const fault = toolFaults[name as keyof typeof toolFaults].create(spec as never, stream);
      const endsSession = fault.endsSession?.bind(fault);
      tool.push({ ...fault, wrap: (ctx, next) => fault.wrap(note(ctx), next), ...(endsSession ? { endsSession: (ctx) => endsSession(note(ctx)) } : {}) });
    } else {
      const fault = apiFaults[name as keyof typeof apiFaults].create(spec as never, stream);
      api.push({ ...fault, wrap: (ctx, next) => fault.wrap(note(ctx), next) });
    }
  });
  return { tool, api, struck };
}

/**
 * How many of the scenario's declared faults struck in the run; undefined when it declares none. A
 * fault switched off (`when: { strike: [] }`, as explore writes one its counterexample needs not) is
 * not declared to strike.
 */
function faultsStruckOf(scenario: Scenario, struck: ReadonlySet<number>): FaultsStruck | undefined {
  const switchedOff = (fault: unknown) => {
    const when = (fault as { when?: { strike?: number[]; first?: unknown; probability?: unknown } }).when;
    return when?.strike?.length === 0 && when.first === undefined && when.probability === undefined;
  };
  const declared = scenario.faults.filter((f) => !switchedOff(f)).length;
  return declared ? { struck: struck.size, declared } : undefined;
}

/** A call whose reply never came is indeterminate (`info`), as of the end of the run. */
function closeOpenCalls(events: HistoryEvent[], add: (e: { type: 'tool-complete'; id: string; outcome: 'info'; status: null }) => void): void {
  const done = new Set(eventsOf(events, 'tool-complete').map((e) => e.id));
  for (const r of eventsOf(events, 'tool-request')) if (!done.has(r.id)) add({ type: 'tool-complete', id: r.id, outcome: 'info', status: null });
}

/**
 * Aborts the run's signal once the run is over. Its reason (an AbortError DOMException) is made
 * without a stack: the frames would be the runner's own, and capturing them (source maps on) was
 * 0.7 % of a canonical run's CPU. Nothing the history records can hold it: judging follows at once.
 */
function abortQuietly(controller: AbortController): void {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    controller.abort();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', () => reject(signal.reason ?? new DOMException('aborted', 'AbortError')), { once: true });
    promise.then(resolve, reject);
  });
}
