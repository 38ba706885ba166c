import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import minimal from '../../../examples/minimal-agent.ts';
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
