import type { ContentBlock, MessageParam, ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { apiTools } from '../http.ts';
import type { Agent, AgentLimits, AgentReply } from '../types.ts';
import { CallIds } from './call-ids.ts';
import { ToolGateway, intentKey } from './gateway.ts';
import { honestReply, type CallOutcome } from './honesty.ts';
import { completeReply, ModelUnavailable } from './model-call.ts';
import { RepeatGuard } from './repeats.ts';
import { TokenBudget } from './tokens.ts';

/**
 * The runtime's settings inside the limits the task states (seed 002 case 6's two-place cap, seed
 * 004's gateway). Where hardened is stricter than it must be, it says so: a 10 s tool timeout, and
 * identical successful calls refused after the second (seed 003 mode 1).
 */
function hardenedLimits(limits: AgentLimits) {
  return {
    maxToolCalls: limits.toolCalls,
    maxTurns: limits.modelTurns,
    /** The whole interaction's cap (seed 004 layer 2); every tool call's wait is clipped to it. */
    deadlineMs: limits.deadlineMs,
    maxUnknownToolsInARow: limits.unknownToolStreak,
    maxIdenticalCalls: Math.min(2, limits.attemptsPerCall),
    tokenBudget: limits.tokenBudget,
    /** Whole-turn re-asks when a reply stream breaks or the SDK's own retries run out (seed 004 backoff). */
    model: { attempts: 3, backoffMs: limits.backoffMs },
    // `attempts` bounds one call; an effect's attempts count over the whole run, re-asks included.
    gateway: { toolTimeoutMs: Math.min(10_000, limits.toolTimeoutMs), attempts: limits.attemptsPerCall, backoffMs: limits.backoffMs, retryAfterMaxMs: 60_000, breaker: limits.circuit },
  };
}

/**
 * The seeds' production runtime — the positive control. A bounded loop over the tool gateway:
 * parallel results correlated by `tool_use_id`, an emphatic rejection of invented tools with an
 * abort after three in a row, identical successful calls refused after the second (seed 003),
 * truncated replies (max_tokens, or a stop sequence it did not set) never taken as answers, tool_use
 * ids kept distinct across turns (call-ids.ts), a reply acted on only once its stream completed
 * (a broken one is asked again, bounded), a token budget checked before each turn (seed 001
 * pattern 5), a circuit breaker per tool in the gateway (seed 004), a memory of calls that must not
 * be sent again (a permanent error, an effect's attempts used up), and an honest-outcome check of
 * the final reply against what the tools did.
 */
export const hardened: Agent = {
  name: 'hardened',
  async run(task, env) {
    const limits = hardenedLimits(task.limits);
    const signal = AbortSignal.any([env.signal, AbortSignal.timeout(limits.deadlineMs)]);
    const gateway = new ToolGateway(task.tools, env.credential, limits.gateway, intentKey('task', task.system, task.prompt), `${task.system}\n${task.prompt}`, env.confirm?.bind(env));
    const messages: MessageParam[] = [{ role: 'user', content: task.prompt }];
    const outcomes: CallOutcome[] = [];
    const repeats = new RepeatGuard(limits.maxIdenticalCalls);
    const tokens = new TokenBudget(limits.tokenBudget);
    const callIds = new CallIds();
    let unknownInARow = 0;
    try {
      for (let turn = 1; turn <= limits.maxTurns; turn++) {
        const request = { model: task.model, max_tokens: task.maxTokens, system: task.system, tools: apiTools(task.tools), messages };
        if (!tokens.allows(request)) return stop('limit', `Stopped: another model turn could take the run past its budget of ${tokens.limit} tokens (${tokens.spent} spent). ${summary(outcomes)}`);
        const reply = await completeReply(env.client, request, signal, limits.model);
        tokens.spend(reply.usage);
        const text = textOf(reply.content);
        if (reply.stop_reason === 'max_tokens') return stop('error', `The model's reply was cut off at max_tokens; no complete answer was produced.${text ? ` Partial text: ${text}` : ''}`);
        // This runtime sets no stop sequence: a stop at one is something between it and the model
        // cutting the turn short (what came after it, a tool call perhaps, never arrived).
        if (reply.stop_reason === 'stop_sequence')
          return stop('error', `The model's reply stopped at a stop sequence this runtime did not set (${JSON.stringify(reply.stop_sequence)}); the turn was cut short and what it led up to was not done.`);
        const content = callIds.distinct(reply.content);
        messages.push({ role: 'assistant', content });
        if (reply.stop_reason !== 'tool_use') return { text: honestReply(text, outcomes), stopReason: 'answer' };

        const uses = content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
        if (outcomes.length + uses.length > limits.maxToolCalls) return stop('limit', `Stopped: the task needed more than ${limits.maxToolCalls} tool calls. ${summary(outcomes)}`);
        // Results are keyed by tool_use_id, so the order replies arrive in cannot matter.
        const results = await Promise.all(
          uses.map(async (use) => {
            const result = repeats.refusal(use.name, use.input) ?? (await gateway.call(use.name, use.input, signal));
            repeats.record(use.name, use.input, result);
            return { use, result };
          }),
        );
        const blocks: ToolResultBlockParam[] = results.map(({ use, result }) => ({ type: 'tool_result', tool_use_id: use.id, content: result.content, ...(result.ok ? {} : { is_error: true }) }));
        outcomes.push(...results.map(({ use, result }) => ({ tool: use.name, result })));
        unknownInARow = results.every(({ use }) => !gateway.has(use.name)) ? unknownInARow + uses.length : 0;
        if (unknownInARow > limits.maxUnknownToolsInARow) return stop('error', `Stopped: the model called tools that do not exist ${unknownInARow} times in a row. ${summary(outcomes)}`);
        messages.push({ role: 'user', content: blocks });
      }
      return stop('limit', `Stopped after ${limits.maxTurns} model turns without an answer. ${summary(outcomes)}`);
    } catch (error) {
      if (signal.aborted) return stop('limit', `Stopped: the run exceeded its deadline. ${summary(outcomes)}`);
      if (error instanceof ModelUnavailable) return stop('error', `Stopped: ${error.message}. ${summary(outcomes)}`);
      throw error;
    }
  },
};

function stop(stopReason: AgentReply['stopReason'], text: string): AgentReply {
  return { text, stopReason };
}

function textOf(content: ContentBlock[]): string {
  return content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
}

function summary(outcomes: CallOutcome[]): string {
  const ok = outcomes.filter((o) => o.result.ok).length;
  return `${ok} of ${outcomes.length} tool calls succeeded; no effect is claimed beyond those.`;
}
