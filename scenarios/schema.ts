import { z } from 'zod';
import { apiFaults, toolFaults } from '../harness/faults/index.ts';
import { personas } from '../harness/model/personas.ts';
import { builtInServices } from '../harness/services/index.ts';
import { HTTP_METHODS } from '../harness/services/types.ts';
import { timerMs } from '../harness/timer-ms.ts';

const call = z.object({ name: z.string().min(1), input: z.record(z.string(), z.unknown()) }).strict();

export const toolSpec = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'tool names are letters, digits, _ and - (at most 128)'),
    description: z.string().min(1),
    input_schema: z.looseObject({ type: z.literal('object') }),
    strict: z.boolean().optional(),
    endpoint: z.object({ method: z.enum(HTTP_METHODS), url: z.url() }).strict(),
    effect: z.enum(['read', 'write', 'charge', 'send', 'provision', 'destructive']),
    idempotent: z.boolean().optional(),
    responseSchema: z.record(z.string(), z.unknown()).optional(),
    target: z.string().min(1).optional(),
  })
  .strict();

const fault = z.discriminatedUnion('fault', [...Object.values(toolFaults).map((p) => p.params as z.ZodObject), ...Object.values(apiFaults).map((p) => p.params as z.ZodObject)] as [z.ZodObject, ...z.ZodObject[]]);

const effectIntent = z
  .object({
    service: z.string(),
    kind: z.string(),
    match: z.record(z.string(), z.unknown()).default({}),
    count: z.number().int().min(0),
  })
  .strict();

/**
 * What, met in the run, lets an honest stop pass instead of the goal (docs/contract.md, "Goals").
 * Each is an obstacle the world put in the way of the calls the model asked for, or a limit the
 * run reached: the model's call of the tool failed (`failed`), was made (`called`), or was sent
 * as often as the attempts per call allow (`repeated`); a reply was cut at max_tokens
 * (`truncated`); the Messages API failed more than the attempts per call in a row (`model-failed`);
 * the model asked for tools that do not exist more than the streak allows (`unknown-tool-streak`);
 * the tool-call or turn budget was spent (`tool-budget`); half the token budget was (`token-budget`).
 */
const stopEvidence = z.union([
  z.object({ failed: z.string().min(1) }).strict(),
  z.object({ called: z.string().min(1) }).strict(),
  z.object({ repeated: z.string().min(1) }).strict(),
  z.enum(['truncated', 'stop-sequence', 'model-failed', 'unknown-tool-streak', 'tool-budget', 'token-budget']),
]);

/**
 * What a correct agent achieves in the scenario's world (docs/contract.md, "Goals"): the final reply
 * states every phrase of `says`, and with `effects` the ledger holds every intended effect. Where
 * no correct agent could always finish, `orStop` lists what, once met, makes an honest stop (a
 * reply that says the work was not done, or a `limit`/`error` stop) a pass instead.
 */
export const goalSchema = z
  .object({
    says: z.array(z.string().min(1)).default([]),
    effects: z.boolean().default(false),
    orStop: z.array(stopEvidence).min(1).optional(),
  })
  .strict()
  .refine((g) => g.says.length || g.effects || g.orStop, 'a goal names what a correct agent achieves: says, effects, or orStop');

export type StopEvidence = z.infer<typeof stopEvidence>;

/**
 * A scenario: plain data over shared defaults (like a Jepsen test map). `checks` names the
 * checkers that judge it; `primaryCheck` is the one it exists for, which the naive control fails.
 */
export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'ids are lower-case words joined by -'),
    title: z.string().min(1),
    source: z.object({ seed: z.string(), case: z.string() }).strict(),
    task: z.string().min(1),
    system: z.string().min(1),
    tools: z.array(toolSpec).min(1),
    /**
     * The simulated services of the world, by id, each with the seed its state starts from: built-in
     * ones, or a team's own (`defineService`) from `serviceFiles` or the config's `services`.
     */
    services: z.object(Object.fromEntries(Object.entries(builtInServices).map(([k, v]) => [k, (v.seed as z.ZodType).optional()]))).catchall(z.unknown()),
    /** Modules whose default export is a service of the team's own (`defineService`), relative to this scenario's file. */
    serviceFiles: z.array(z.string().min(1)).optional(),
    faults: z.array(fault).default([]),
    /**
     * `mcp`: the scenario is about the tools served over MCP (every run also serves them as MCP
     * servers, `AgentEnv.mcp`); its MCP faults (`mcp-*`) strike only calls made over MCP, so an
     * agent that calls the tools over plain HTTP has them never strike, and its primary check is
     * `not-applicable`, never a pass. Default `http`.
     */
    transport: z.enum(['http', 'mcp']).optional(),
    /** A broad credential the runtime holds besides the user's (seed 002 case 4), offered to agents as `env.serviceCredential`. */
    serviceAccount: z
      .object({ id: z.string().min(1), scopes: z.array(z.string()) })
      .strict()
      .optional(),
    /** How the simulated user answers a runtime's confirmation requests: approved are the calls listed here, nothing else. */
    user: z
      .object({ approves: z.array(call).default([]) })
      .strict()
      .default({ approves: [] }),
    model: z
      .object({
        persona: z.enum(Object.keys(personas) as [string, ...string[]]),
        /** Steps of (parallel) calls; `say` is the text the model writes before a step's calls (thinking aloud). */
        plan: z.array(z.object({ call: z.array(call).min(1), say: z.string().min(1).optional() }).strict()),
        answer: z.string(),
        invented: call.optional(),
        coerceFields: z.array(z.string()).optional(),
        /** For an example-following persona: a field the prompt's worked example names → where it reads it when a result lacks it. */
        readMissingAs: z.record(z.string(), z.string()).optional(),
        name: z.string().default('claude-sonnet-5'),
        latencyMs: z.tuple([timerMs(), timerMs()]).default([300, 900]),
      })
      .strict(),
    limits: z
      .object({ virtualMsMax: timerMs(1).default(3_600_000), maxTokens: z.number().int().positive().default(1024) })
      .strict()
      .default({ virtualMsMax: 3_600_000, maxTokens: 1024 }),
    intent: z
      .object({
        effects: z.array(effectIntent).default([]),
        maxAttemptsPerCall: z.number().int().positive().optional(),
        /** The least wait before the first retry of a retryable failure; it doubles each retry (seed 004: 1-2-4-8 s). */
        backoffMsMin: timerMs(1).optional(),
        /** How long one tool request may stay unanswered before the client gives up (seed 004 layer 1). */
        toolTimeoutMs: timerMs(1).optional(),
        /** How long the whole agent loop may run before it must end with a reply (seed 004 layer 2). */
        deadlineMs: timerMs(1).optional(),
        /** Tool calls and model turns one run may spend (seed 002 cases 3 and 6). */
        budget: z.object({ toolCalls: z.number().int().positive(), modelTurns: z.number().int().positive() }).strict().optional(),
        /** Unregistered-tool calls in a row after which the run must end (seed 002 case 3: more than 3). */
        unknownToolStreakMax: z.number().int().positive().optional(),
        /** Failures in a row that must open a tool's circuit, and how long it stays open before one probe (seed 004). */
        circuit: z
          .object({ failuresToOpen: z.number().int().positive(), cooldownMs: timerMs(1) })
          .strict()
          .optional(),
        /** Input plus output tokens, summed over every model turn, that one run may spend (seed 001 pattern 5). */
        tokenBudget: z.number().int().positive().optional(),
        answer: z
          .object({ includes: z.array(z.string()).default([]), excludes: z.array(z.string()).default([]) })
          .strict()
          .optional(),
        /** Values outside the user's scope: none may reach the model or the reply (seed 002 case 4). */
        confidential: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .default({ effects: [] }),
    goal: goalSchema,
    checks: z.array(z.string()).min(1),
    primaryCheck: z.string(),
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
