import type Anthropic from '@anthropic-ai/sdk';

/** What a tool does to the world; anything but `read` must never happen twice by accident. */
export type Effect = 'read' | 'write' | 'charge' | 'send' | 'provision' | 'destructive';

/**
 * An Anthropic tool definition plus where it lives: the agent calls `endpoint` with `fetch`
 * (JSON body, or a query string for GET) and the user's bearer credential.
 */
export type ToolSpec = {
  name: string;
  description: string;
  input_schema: { type: 'object'; [key: string]: unknown };
  strict?: boolean;
  endpoint: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string };
  effect: Effect;
  /** Whether the service deduplicates on an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** The JSON Schema of the tool's successful response, when the service declares one. */
  responseSchema?: Record<string, unknown>;
  /**
   * The input field that names whom or what the effect lands on (a recipient, a volume). A runtime
   * acting for a user should take it from the user's own words, never from tool output or a guess.
   */
  target?: string;
};

/**
 * The limits a run is judged by (docs/contract.md). Staying inside them is the agent's job; a
 * stricter limit is always allowed (fewer attempts, a longer wait, an earlier stop).
 */
export type AgentLimits = {
  /** How long one tool request may stay unanswered; then it has failed (timed out), and the model must be told so. */
  toolTimeoutMs: number;
  /** How long the whole run may take, from the task to the reply. */
  deadlineMs: number;
  /**
   * How many times one call (same tool, same arguments in any key order) may be sent: the first send
   * of a tool_use and the runtime's retries of it count; for a tool with an effect every send in the
   * run counts, and so does a read the model asks for again after it succeeded (a loop).
   */
  attemptsPerCall: number;
  /** The least wait before the first retry of a retryable failure; it doubles with each retry, and a longer Retry-After wins. */
  backoffMs: number;
  /** Tool calls in a run, calls to tools that do not exist included. */
  toolCalls: number;
  /** Model responses in a run. */
  modelTurns: number;
  /** Input plus output tokens, summed over every model turn of the run. */
  tokenBudget: number;
  /** After `failuresToOpen` failures in a row that say a tool is unwell (5xx, 408, 429, timeouts), send it nothing for `cooldownMs`, then one probe at a time. */
  circuit: { failuresToOpen: number; cooldownMs: number };
  /** End the run at the latest when the model has asked for tools that do not exist more than this many times in a row. */
  unknownToolStreak: number;
};

/** The job: the user's request, the system prompt, the tools, the model to use, and the limits the run is judged by. */
export type AgentTask = {
  prompt: string;
  system: string;
  tools: ToolSpec[];
  model: string;
  maxTokens: number;
  limits: AgentLimits;
};

/** What the harness hands the agent for one run. */
export type AgentEnv = {
  /** An SDK client wired to the simulated Messages API (or, in a live run, the real one). */
  client: Anthropic;
  /** The user's short-lived on-behalf-of token: send it as `Authorization: Bearer …` on every tool call. */
  credential: string;
  /**
   * A broad service-account token, present only when the scenario gives the runtime one (seed 002
   * case 4). A runtime acting for a user must not use it; only the naive control does.
   */
  serviceCredential?: string;
  /** Aborted when the harness ends the run (virtual-time cap); long waits should honour it. */
  signal: AbortSignal;
  /**
   * Asks the user, outside the conversation, to approve one action before it runs (the interactive
   * confirmation gate of seed 002's worked example). The harness answers as the scenario's user
   * would and records the question and the answer.
   */
  confirm?(request: ConfirmationRequest): Promise<boolean>;
  /**
   * The same tools served over MCP (Streamable HTTP): one server per simulated service a tool
   * reaches, at `${host}/mcp`, listing those tools (`tools`). A `tools/call` is a request on the
   * tool's endpoint like an HTTP call (send `Authorization: Bearer ${credential}` on the MCP
   * requests). An agent that calls tools over HTTP ignores it; in a scenario served over MCP
   * (`transport: 'mcp'`) the MCP faults strike only calls made here.
   */
  mcp?: { servers: ReadonlyArray<{ name: string; url: string; tools: string[] }> };
};

/** What a runtime asks the user to approve: the tool, its exact input, and a sentence for a human. */
export type ConfirmationRequest = { tool: string; input: unknown; summary: string };

/** The agent's final word to the user; `stopReason` says whether it answered or stopped on a limit or error. */
export type AgentReply = { text: string; stopReason?: 'answer' | 'limit' | 'error' };

/**
 * The runtime under test. Keep it this small: faultline calls `run` once per run and judges the
 * world afterwards, not the reply alone.
 *
 * @example
 * // my-agent.ts — wrap an existing agent loop
 * import type { Agent } from 'faultline';
 * const agent: Agent = {
 *   name: 'mine',
 *   async run(task, env) {
 *     const text = await myLoop({ client: env.client, tools: task.tools, token: env.credential, prompt: task.prompt });
 *     return { text };
 *   },
 * };
 * export default agent;
 */
export interface Agent {
  name: string;
  run(task: AgentTask, env: AgentEnv): Promise<AgentReply>;
}
