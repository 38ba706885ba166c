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

/** The job: the user's request, the system prompt, the tools, and the model to use. */
export type AgentTask = {
  prompt: string;
  system: string;
  tools: ToolSpec[];
  model: string;
  maxTokens: number;
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
