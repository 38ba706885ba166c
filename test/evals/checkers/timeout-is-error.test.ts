import { describe, expect, it } from 'vitest';
import { timeoutIsError } from '../../../evals/checkers/timeout-is-error.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';
import { reverseKeyOrder } from './helpers.ts';

const scenario = catalogue.get('slow-tool')!;
const verdict = (events: HistoryEvent[]) => runChecker(timeoutIsError, scenario, events).verdict;
const hardenedHistory = async () => parseHistory((await run('slow-tool', 'hardened', 1)).history);

/** The history with every `is_error` flag dropped from the tool results the model received. */
const unflagged = (events: HistoryEvent[]) => events.map((e) => JSON.parse(JSON.stringify(e).replaceAll('"is_error":true', '"is_error":false')) as HistoryEvent);

describe('timeout-is-error', () => {
  it('passes the hardened history, which reports the timed-out call as is_error', async () => {
    const events = await hardenedHistory();
    expect(JSON.stringify(events)).toContain('"is_error":true');
    expect(verdict(events)).toBe('pass');
  });

  it('fails when the timed-out call reaches the model without is_error', async () => {
    expect(verdict(unflagged(await hardenedHistory()))).toBe('fail');
  });

  it('has nothing to judge in a history where every call was answered in time', async () => {
    const events = (await hardenedHistory()).filter((e) => e.type !== 'model-request' || !JSON.stringify(e).includes('tool_result'));
    expect(verdict(events)).toBe('not-applicable');
  });
});

// Metamorphic: a runtime that sends the model's arguments in another key order makes the same calls.
describe('timeout-is-error keys calls by meaning', () => {
  it('judges the timed-out call whatever the key order the service saw', async () => {
    expect(verdict(reverseKeyOrder(await hardenedHistory()))).toBe('pass');
    expect(verdict(reverseKeyOrder(unflagged(await hardenedHistory())))).toBe('fail');
  });
});
