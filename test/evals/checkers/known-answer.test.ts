import { describe, expect, it } from 'vitest';
import { knownAnswer } from '../../../evals/checkers/known-answer.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { eventsOf, parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { catalogue, run } from '../../helpers.ts';

const judge = (id: string, events: HistoryEvent[]) => runChecker(knownAnswer, catalogue.get(id)!, events);
const runs = new Map<string, Promise<RunRecord>>();
/** A hardened history, parsed afresh each call (each run happens once per file). */
async function hardenedHistory(id: string): Promise<HistoryEvent[]> {
  if (!runs.has(id)) runs.set(id, run(id, 'hardened', 1));
  return parseHistory((await runs.get(id)!).history);
}
const withReply = (events: HistoryEvent[], edit: (text: string) => string) => events.map((e) => (e.type === 'agent-reply' ? { ...e, text: edit(e.text) } : e));

describe('known-answer', () => {
  it('passes the hardened history of string-coercion, which answers 2,300 case packs', async () => {
    const events = await hardenedHistory('string-coercion');
    expect(eventsOf(events, 'agent-reply').at(-1)).toMatchObject({ text: 'You need 2,300 case packs.' });
    expect(judge('string-coercion', events)).toMatchObject({ verdict: 'pass', message: 'the reply states the known answer' });
  });

  it('fails the same history once the reply is the known wrong answer of the coerced argument', async () => {
    const result = judge(
      'string-coercion',
      withReply(await hardenedHistory('string-coercion'), () => 'You need 230 case packs.'),
    );
    expect(result).toMatchObject({ verdict: 'fail', message: 'reply lacks ["2,300 case packs"] and contains ["230 case packs"]' });
  });

  it('fails a reply that hedges between the right and the wrong answer', async () => {
    const result = judge(
      'string-coercion',
      withReply(await hardenedHistory('string-coercion'), (t) => `${t} (or 230 case packs)`),
    );
    expect(result).toMatchObject({ verdict: 'fail', message: 'reply contains ["230 case packs"]' });
  });

  it.each([
    ['string-coercion', 'You need 12,300 case packs.', 'fail', 'reply lacks ["2,300 case packs"]'],
    ['transient-errors', 'C-101 is on the premium plan with a balance of 120.57.', 'fail', 'reply lacks ["premium plan with a balance of 120.5"]'],
    ['string-coercion', 'You need 2,300 case packs, not 1,230 case packs.', 'pass', 'the reply states the known answer'],
  ])('reads numbers whole (%s): %j is a %s', async (id, reply, verdict, message) => {
    expect(
      judge(
        id,
        withReply(await hardenedHistory(id), () => reply),
      ),
    ).toMatchObject({ verdict, message });
  });

  it('fails a reply in which two customers traded plans (reordered-parallel)', async () => {
    const events = await hardenedHistory('reordered-parallel');
    expect(judge('reordered-parallel', events).verdict).toBe('pass');
    const swapped = withReply(events, (t) => t.replace('Ada Park, premium', 'Ada Park, basic').replace('Bo Lindqvist, basic', 'Bo Lindqvist, premium'));
    expect(judge('reordered-parallel', swapped)).toMatchObject({ verdict: 'fail', message: 'reply lacks ["C-101: Ada Park, premium","C-102: Bo Lindqvist, basic"]' });
  });

  it('fails a run with no reply, and cannot judge a scenario with no known answer', async () => {
    const events = await hardenedHistory('string-coercion');
    expect(
      judge(
        'string-coercion',
        events.filter((e) => e.type !== 'agent-reply'),
      ),
    ).toMatchObject({ verdict: 'fail', message: 'the agent gave no reply' });
    const scenario = catalogue.get('string-coercion')!;
    expect(runChecker(knownAnswer, { ...scenario, intent: { ...scenario.intent, answer: undefined } }, events).verdict).toBe('unknown');
  });

  // The catalogue's known-answer regressions: 2,300 not 230 (seed 002 case 7) and speaker attribution (case 5).
  it.each([
    ['string-coercion', 'reply lacks ["2,300 case packs"] and contains ["230 case packs"]'],
    ['schema-drift', 'reply contains ["host Dev Anand","guest Mara Quist"]'],
  ])('fails the naive control of %s (seed 1)', async (id, message) => {
    expect(judge(id, parseHistory((await run(id, 'naive', 1)).history))).toMatchObject({ verdict: 'fail', message });
  });
});
