import { describe, expect, it } from 'vitest';
import { boundedRetries } from '../../../evals/checkers/bounded-retries.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { eventsOf, parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import minimal from '../../../examples/minimal-agent.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('error-after-commit')!;
const judge = (events: HistoryEvent[], s = scenario) => runChecker(boundedRetries, s, events);
let hardenedRun: Promise<RunRecord> | undefined;
/** The hardened run's history, parsed afresh each call (the run itself happens once per file). */
const hardenedHistory = async () => parseHistory((await (hardenedRun ??= run('error-after-commit', 'hardened', 1))).history);

/** One more attempt after the last one, 2 s later, with the same arguments unless `body` is given. */
function withAnotherAttempt(events: HistoryEvent[], body?: unknown): HistoryEvent[] {
  const last = eventsOf(events, 'tool-request').at(-1)!;
  const attempt = { ...last, id: 'req_extra', t: last.t + 2_000, body: body ?? last.body };
  return events.flatMap((e) => (e === last ? [e, attempt] : [e]));
}

describe('bounded-retries', () => {
  it('passes the hardened history, which stops at exactly the bound of 3 attempts', async () => {
    const events = await hardenedHistory();
    expect(eventsOf(events, 'tool-request').map((r) => r.body)).toEqual(Array(3).fill({ sku: 'A1', quantity: 40 }));
    expect(judge(events)).toMatchObject({ verdict: 'pass', message: 'at most 3 attempts per call (bound 3)' });
  });

  it('fails a fourth attempt of the same call, naming the call', async () => {
    const result = judge(withAnotherAttempt(await hardenedHistory()));
    expect(result).toMatchObject({ verdict: 'fail', message: 'place_order {"sku":"A1","quantity":40} was attempted 4 times (bound 3)' });
  });

  it('fails a fourth attempt whose arguments are the same but serialised in another key order', async () => {
    const result = judge(withAnotherAttempt(await hardenedHistory(), { quantity: 40, sku: 'A1' }));
    expect(result).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/^place_order .* was attempted 4 times \(bound 3\)$/) });
  });

  it('counts attempts per logical call: a fourth request with other arguments is another call', async () => {
    expect(judge(withAnotherAttempt(await hardenedHistory(), { sku: 'A1', quantity: 41 })).verdict).toBe('pass');
  });

  it("judges by the contract's attempts per call (3) when the scenario declares none, and accepts a stricter agent", async () => {
    const events = await hardenedHistory();
    expect(judge(events, { ...scenario, intent: { ...scenario.intent, maxAttemptsPerCall: undefined } }).message).toContain('(bound 3)');
    expect(judge(withAnotherAttempt(withAnotherAttempt(events)), { ...scenario, intent: { ...scenario.intent, maxAttemptsPerCall: undefined } }).verdict).toBe('fail');
  });

  it('counts a read again from one when the model, told it failed, asks for it again; never an effect', async () => {
    // minimal (examples/) sends C-301's lookup 4 or 5 times: 3 attempts, then 1 or 2 more when the model asks again.
    const swallowed = catalogue.get('swallowed-error')!;
    const events = parseHistory((await run('swallowed-error', minimal, 1)).history);
    const sends = eventsOf(events, 'tool-request').filter((r) => (r.body as { customer_id?: string }).customer_id === 'C-301');
    expect(sends.length).toBeGreaterThan(3);
    expect(runChecker(boundedRetries, swallowed, events).verdict).toBe('pass');
    // The same sends with no model request between them: the runtime retried on its own past the bound.
    const first = events.indexOf(sends[0]!);
    const last = events.indexOf(sends.at(-1)!);
    const unasked = events.filter((e, i) => !(e.type === 'model-request' && i > first && i < last));
    expect(runChecker(boundedRetries, swallowed, unasked)).toMatchObject({ verdict: 'fail', message: expect.stringContaining(`was attempted ${sends.length} times (bound 3)`) });
    // An effect counts every send of the run, asked again or not.
    const asked = withAnotherAttempt(await hardenedHistory());
    const extra = asked.findIndex((e) => e.type === 'tool-request' && e.id === 'req_extra');
    const modelAsked = { t: asked[extra]!.t, type: 'model-request', n: 99, stream: false, body: null } as HistoryEvent;
    expect(judge([...asked.slice(0, extra), modelAsked, ...asked.slice(extra)]).verdict).toBe('fail');
  });

  it('fails the naive control of pagination-loop, which asks for the same page until its budget runs out (seed 1)', async () => {
    const events = parseHistory((await run('pagination-loop', 'naive', 1)).history);
    const result = runChecker(boundedRetries, catalogue.get('pagination-loop')!, events);
    expect(result).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/^list_products \{"page":"1"\} was attempted \d+ times \(bound 2\)$/) });
  });
});
