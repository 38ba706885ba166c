import { describe, expect, it } from 'vitest';
import { toolResultsComplete } from '../../../evals/checkers/tool-results-complete.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import type { MessagesRequest } from '../../../harness/model/types.ts';
import { catalogue, run } from '../../helpers.ts';

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
});
