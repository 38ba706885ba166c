import { describe, expect, it } from 'vitest';
import { errorsReachModel } from '../../../evals/checkers/errors-reach-model.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import type { ToolResultBlock } from '../../../harness/model/types.ts';
import { catalogue, run } from '../../helpers.ts';
import { isError, reverseKeyOrder, rewriteToolResults } from './helpers.ts';

const scenario = catalogue.get('swallowed-error')!;
const verdict = (events: HistoryEvent[]) => runChecker(errorsReachModel, scenario, events).verdict;
// Seed 3: the gateway's three attempts at the first lookup all fail, so the failure reaches the model.
const hardenedHistory = async () => parseHistory((await run('swallowed-error', 'hardened', 3)).history);

/** Rewrites every failed tool_result the model received. */
function rewriteErrors(events: HistoryEvent[], edit: (block: ToolResultBlock) => ToolResultBlock): HistoryEvent[] {
  return rewriteToolResults(events, edit, isError);
}

describe('errors-reach-model', () => {
  it('passes the hardened history, where the failure arrives as a structured is_error result', async () => {
    const events = await hardenedHistory();
    expect(runChecker(errorsReachModel, scenario, events).message).toMatch(/^1 failed call/);
    expect(verdict(events)).toBe('pass');
  });

  it('fails once the failure is swallowed into an empty, unflagged result', async () => {
    expect(verdict(rewriteErrors(await hardenedHistory(), (b) => ({ type: 'tool_result', tool_use_id: b.tool_use_id, content: '' })))).toBe('fail');
  });

  it('fails an is_error result that does not say whether to retry', async () => {
    expect(verdict(rewriteErrors(await hardenedHistory(), (b) => ({ ...b, content: 'Error: Failed to fetch' })))).toBe('fail');
  });

  it('fails a failure that never reaches the model although the run goes on', async () => {
    const events = rewriteErrors(await hardenedHistory(), (b) => ({ ...b, tool_use_id: 'toolu_elsewhere' }));
    expect(verdict(events)).toBe('fail');
  });

  it('has nothing to judge in a run in which no call failed', async () => {
    const events = (await hardenedHistory()).map((e) => (e.type === 'tool-complete' ? { ...e, outcome: 'ok' as const } : e));
    expect(verdict(events)).toBe('not-applicable');
  });
});

// Metamorphic: other runtimes say the same thing in other ways, and pass.
describe('errors-reach-model judges the meaning, not the layout', () => {
  it.each([
    ['plain words', 'Error (HTTP 503): service unavailable. This error is transient: retrying later may succeed.'],
    ['a nested JSON flag', JSON.stringify({ error: { code: 'unavailable', retryable: true } })],
    ['pretty-printed JSON', JSON.stringify({ retryable: true, error: 'unavailable' }, null, 2)],
    ['the HTTP status it failed with', 'Error: HTTP 503: {"error":"http_503"}'],
    ['a permanent error in words', 'The lookup failed for good: this is permanent, do not retry it.'],
  ])('passes an is_error result that says it in %s', async (_how, text) => {
    expect(verdict(rewriteErrors(await hardenedHistory(), (b) => ({ ...b, content: text })))).toBe('pass');
  });

  it('still fails an error that names no status and says nothing of retrying', async () => {
    expect(verdict(rewriteErrors(await hardenedHistory(), (b) => ({ ...b, content: '{"error":"reset","message":"socket hang up"}' })))).toBe('fail');
  });

  it('judges calls whatever the key order of the arguments the service saw', async () => {
    expect(verdict(reverseKeyOrder(await hardenedHistory()))).toBe('pass');
  });
});
