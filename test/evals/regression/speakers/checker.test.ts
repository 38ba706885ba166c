import { beforeAll, describe, expect, it } from 'vitest';
import { runChecker } from '../../../../evals/checkers/types.ts';
import { speakerAttribution } from '../../../../evals/regression/speakers/checker.ts';
import type { EpisodeRow } from '../../../../evals/regression/speakers/scenario.ts';
import { speakerSuite } from '../../../../evals/regression/speakers/suite.ts';
import type { HistoryEvent } from '../../../../harness/history.ts';
import { runScenario, type ScenarioRun } from '../../../../harness/vitest/run.ts';

const rows = speakerSuite.rows();
const rowOf = (shape: EpisodeRow['shape']) => rows.find((r) => r.shape === shape) as EpisodeRow;

/** The run's history with the agent's last word replaced: the checker's reading of replies, on a real history. */
const saying = (run: ScenarioRun, text: string): HistoryEvent[] => run.events.map((e) => (e.type === 'agent-reply' ? { ...e, text } : e));

describe('speaker-attribution reads the reply against the known speakers', () => {
  const row = rowOf('v1');
  let run: ScenarioRun;
  beforeAll(async () => {
    run = await runScenario(speakerSuite.scenario(row), 'hardened');
  });
  const judge = (text: string) => runChecker(speakerAttribution(row), run.definition, saying(run, text));

  it('passes the known host and guest, in whatever words surround them', () => {
    expect(judge(`host ${row.host}, guest ${row.guest}.`).verdict).toBe('pass');
    expect(judge(`The guest: ${row.guest}. The host: ${row.host}.`).verdict).toBe('pass');
  });

  it('fails a swap, a stranger, a placeholder and half an answer, saying which', () => {
    expect(judge(`host ${row.guest}, guest ${row.host}.`).message).toMatch(/^swapped: /);
    expect(judge(`host Jane Doe, guest ${row.guest}.`).message).toBe(`names Jane Doe as host; known: host ${row.host}, guest ${row.guest}`);
    expect(judge('host (unknown), guest (unknown).').message).toMatch(/^names \(unknown\) as host; names \(unknown\) as guest/);
    expect(judge(`host ${row.host}.`).message).toBe('names the host but not the guest');
  });

  it('does not excuse naming no one when the archive answered in the declared contract', () => {
    const result = judge('I could not tell the host from the guest.');
    expect(result.verdict).toBe('fail');
    expect(result.message).toMatch(/^names neither speaker, and no drift excuses it: no service reply broke its response schema/);
  });

  it('does not read a longer name as a known one: "Ana Lima" is not "Ana Li"', async () => {
    const pair = rows.find((r) => r.host === 'Ana Lima' && r.guest === 'Ana Li') as EpisodeRow;
    const pairRun = await runScenario(speakerSuite.scenario(pair), 'hardened');
    const judgePair = (text: string) => runChecker(speakerAttribution(pair), pairRun.definition, saying(pairRun, text)).verdict;
    expect(judgePair('host Ana Lima, guest Ana Li.')).toBe('pass');
    expect(judgePair('host Ana Li, guest Ana Lima.')).toBe('fail');
  });
});

describe('speaker-attribution judges only rows whose premise happened', () => {
  it('is unknown when the archive answered in another shape than the row claims (the row tested nothing)', async () => {
    const row = rowOf('v2');
    // The row's scenario with the deploy undone: the archive answers in v1, not the v2 the row is about.
    const run = await runScenario({ ...speakerSuite.scenario(row), faults: [] }, 'hardened');
    const result = runChecker(speakerAttribution(row), run.definition, run.events);
    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain(`the archive answered ${row.episode} in another shape than v2`);
  });
});
