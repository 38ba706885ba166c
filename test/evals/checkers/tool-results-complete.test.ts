import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming, MessageParam, ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import minimal from '../../../examples/minimal-agent.ts';
import { CallIds } from '../../../harness/agents/hardened/call-ids.ts';
import { apiTools, callEndpoint } from '../../../harness/agents/http.ts';
import type { Agent } from '../../../harness/agents/types.ts';
import { toolResultsComplete } from '../../../evals/checkers/tool-results-complete.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import type { MessagesRequest } from '../../../harness/model/types.ts';
import { catalogue, check, run, SEEDS } from '../../helpers.ts';

const scenario = catalogue.get('orphaned-tool-use')!;
const judge = (events: HistoryEvent[]) => runChecker(toolResultsComplete, scenario, events);
const history = async (agent: string) => parseHistory((await run('orphaned-tool-use', agent, 1)).history);

/** Drops the tool_result of the `k`-th tool call from every model request, as a runtime that forgot it would. */
function dropResult(events: HistoryEvent[], k: number): HistoryEvent[] {
  const id = events.flatMap((e) => (e.type === 'model-response' ? ((e.content ?? []) as Array<{ type: string; id: string }>) : [])).filter((b) => b.type === 'tool_use')[k]?.id;
  return events.map((e) => {
    if (e.type !== 'model-request') return e;
    const body = e.body as MessagesRequest;
    return { ...e, body: { ...body, messages: body.messages.map((m) => (typeof m.content === 'string' ? m : { ...m, content: m.content.filter((b) => (b as { tool_use_id?: string }).tool_use_id !== id) })) } };
  });
}

describe('tool-results-complete', () => {
  it('passes the hardened runtime, which answers timed-out calls with is_error results', async () => {
    expect(judge(await history('hardened')).verdict).toBe('pass');
  });

  it('passes the SDK tool runner, whose continuation requests name a server-held reply', async () => {
    const events = await history('sdk-tool-runner');
    expect(events.some((e) => e.type === 'model-request' && (e.body as { thread?: unknown }).thread)).toBe(true);
    expect(judge(events).verdict).toBe('pass');
  });

  it('fails naive, whose fail-fast batch drops the calls it cancelled, and names the orphans', async () => {
    const result = judge(await history('naive'));
    expect(result.verdict).toBe('fail');
    expect(result.message).toMatch(/tool_use block\(s\) sent back without a tool_result, first lookup_customer toolu_\w+ in model request 2 \(answered HTTP 400\)/);
  });

  it('fails once one tool_result is removed from a passing history', async () => {
    const events = dropResult(await history('hardened'), 3);
    expect(judge(events)).toMatchObject({ verdict: 'fail', evidence: [expect.objectContaining({ tool: 'lookup_customer', request: 2 })] });
  });

  it('fails an orphan in a thread continuation too', async () => {
    expect(judge(dropResult(await history('sdk-tool-runner'), 0)).verdict).toBe('fail');
  });

  it('has nothing to judge, and says so, when no request continued after a tool call', async () => {
    const events = (await history('naive')).filter((e) => !(e.type === 'model-request' && e.n > 1));
    expect(judge(events)).toMatchObject({ verdict: 'not-applicable', message: 'nothing to judge: no request continued a conversation after a tool call' });
  });

  // C-204 hangs on more attempts than a runtime makes, on every seed: its failure must go back.
  it('fails, on every seed of orphaned-tool-use, a runtime that drops the results of calls that failed; passes the same runtime that keeps them', async () => {
    const dropping: Agent = { name: 'drops-failed', run: (task, env) => minimal.run(task, { ...env, client: withoutFailedResults(env.client) }) };
    for (const seed of SEEDS) {
      expect(check(await run('orphaned-tool-use', dropping, seed), 'tool-results-complete')?.verdict, `seed ${seed}`).toBe('fail');
      expect(check(await run('orphaned-tool-use', minimal, seed), 'tool-results-complete')?.verdict, `seed ${seed}`).toBe('pass');
    }
  });
});

/** The client, with every is_error tool_result taken out of the requests it sends (the mutation). */
function withoutFailedResults(client: Anthropic): Anthropic {
  const keep = (block: { type: string; is_error?: boolean }) => !(block.type === 'tool_result' && block.is_error);
  const create = (body: MessageCreateParamsNonStreaming, options?: object) =>
    client.messages.create({ ...body, messages: body.messages.map((m) => (Array.isArray(m.content) ? ({ ...m, content: m.content.filter(keep) } as typeof m) : m)) }, options);
  const messages = new Proxy(client.messages, { get: (target, key) => (key === 'create' ? create : Reflect.get(target, key)) });
  return new Proxy(client, { get: (target, key) => (key === 'messages' ? messages : Reflect.get(target, key)) });
}

// reused-tool-id: the second reply's place_order arrives under the id of the first reply's list_orders.
describe('tool-results-complete: a tool_use id a later reply reuses', () => {
  const reusedScenario = catalogue.get('reused-tool-id')!;
  const judgeReused = (events: HistoryEvent[]) => runChecker(toolResultsComplete, reusedScenario, events);
  const reusedHistory = async (agent: string | Agent, seed = 1) => parseHistory((await run('reused-tool-id', agent, seed)).history);

  it('fails naive, which sends the conversation back as it came (the API answers 400); passes hardened and the minimal example, which rename the call each its own way', async () => {
    expect(judgeReused(await reusedHistory('naive')).message).toMatch(/^1 request\(s\) sent two tool calls under one tool_use id, first toolu_\w+ in model request 3 \(answered HTTP 400\)$/);
    expect(judgeReused(await reusedHistory('hardened')).verdict).toBe('pass');
    expect(judgeReused(await reusedHistory(minimal)).verdict).toBe('pass');
  });

  it('fails the hardened history once its fresh id is put back to the reused one', async () => {
    const events = await reusedHistory('hardened');
    const renamed = JSON.stringify(events).match(/"(toolu_\w+)_2"/)?.[1];
    expect(renamed).toBeDefined();
    expect(judgeReused(JSON.parse(JSON.stringify(events).replaceAll(`${renamed}_2`, renamed!))).verdict).toBe('fail');
  });

  // What the ids alone cannot show, the ledger does: a runtime that keys its results by id takes the
  // new call for one that already ran. Its conversation is well formed; its goal is not met.
  it('a runtime that renames the call but answers it from a result cache keyed by id passes this check and fails the goal; the same runtime without the cache passes both', async () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const cached = await run('reused-tool-id', renamingLoop(true), seed);
      expect([check(cached, 'tool-results-complete')?.verdict, check(cached, 'goal')?.verdict], `seed ${seed}`).toEqual(['pass', 'fail']);
      const fresh = await run('reused-tool-id', renamingLoop(false), seed);
      expect([check(fresh, 'tool-results-complete')?.verdict, check(fresh, 'goal')?.verdict], `seed ${seed}`).toEqual(['pass', 'pass']);
    }
  });
});

/** A plain loop that keeps tool_use ids distinct (hardened's CallIds); with `cacheById`, a call whose id it saw before is answered with that call's result, unexecuted. */
function renamingLoop(cacheById: boolean): Agent {
  return {
    name: cacheById ? 'caches-by-id' : 'renames-ids',
    async run(task, env) {
      const messages: MessageParam[] = [{ role: 'user', content: task.prompt }];
      const ids = new CallIds();
      const results = new Map<string, string>();
      for (let turn = 0; turn < 8; turn++) {
        const reply = await env.client.messages.create({ model: task.model, max_tokens: task.maxTokens, system: task.system, tools: apiTools(task.tools), messages });
        const content = ids.distinct(reply.content);
        messages.push({ role: 'assistant', content });
        if (reply.stop_reason !== 'tool_use') return { text: content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('') };
        const answers: ToolResultBlockParam[] = [];
        for (const [i, block] of reply.content.entries()) {
          if (block.type !== 'tool_use') continue;
          const spec = task.tools.find((t) => t.name === block.name)!;
          const result = (cacheById && results.get(block.id)) || (await callEndpoint(spec, block.input, { credential: env.credential })).text;
          results.set(block.id, result);
          answers.push({ type: 'tool_result', tool_use_id: (content[i] as ToolUseBlock).id, content: result });
        }
        messages.push({ role: 'user', content: answers });
      }
      return { text: 'Stopped after 8 turns.', stopReason: 'limit' };
    },
  };
}
