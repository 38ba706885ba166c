import type { z } from 'zod';
import type { Agent } from '../../harness/agents/types.ts';
import { verdictOf, type RunVerdict } from '../../harness/runner/record.ts';
import { runScenario, type ScenarioRun } from '../../harness/vitest/run.ts';
import type { ScenarioInput } from '../../scenarios/schema.ts';
import { isProblem, runChecker, type CheckResult, type Checker } from '../checkers/types.ts';
import { loadRows } from './fixture.ts';

/** How a known-answer suite is made: a fixture of rows, one scenario per row, and a checker per row. */
export type SuiteSpec<S extends z.ZodType> = {
  name: string;
  /** The fixture's path: a JSON array, one row per known case. */
  fixture: string;
  row: S;
  /** The row field that names it: in test names and in every failure. */
  idField: string & keyof z.output<S>;
  scenario(row: z.output<S>): ScenarioInput;
  checker(row: z.output<S>): Checker;
};

/** One row judged: the suite's check beside the scenario's own (agent-completes), and the run they judged. */
export type RowResult<Row> = { id: string; row: Row; verdict: RunVerdict; check: { id: string } & CheckResult; run: ScenarioRun };

export type RegressionSuite<Row> = {
  name: string;
  fixture: string;
  /** The fixture's rows, validated; `file` reads another fixture of the same form. */
  rows(file?: string): Row[];
  idOf(row: Row): string;
  scenario(row: Row): ScenarioInput;
  runRow(row: Row, agent: string | Agent, options?: { seed?: number }): Promise<RowResult<Row>>;
  run(agent: string | Agent, options?: { seed?: number }): Promise<RowResult<Row>[]>;
};

/**
 * A known-answer regression suite: adding a case is adding a row to the fixture. Each row becomes
 * a real scenario run (in this process, in virtual time) and is judged by the row's checker, a pure
 * function of the history like every checker; a checker that throws makes the row an `error`.
 */
export function defineSuite<S extends z.ZodType>(spec: SuiteSpec<S>): RegressionSuite<z.output<S>> {
  type Row = z.output<S>;
  let cached: Row[] | undefined;
  const rows = (file?: string): Row[] => (file ? loadRows(file, spec.row, spec.idField) : (cached ??= loadRows(spec.fixture, spec.row, spec.idField)));
  const idOf = (row: Row) => String(row[spec.idField]);
  const runRow = async (row: Row, agent: string | Agent, { seed = 1 } = {}): Promise<RowResult<Row>> => {
    const run = await runScenario(spec.scenario(row), agent, { seed });
    const checker = spec.checker(row);
    const check = { id: checker.id, ...runChecker(checker, run.definition, run.events) };
    return { id: idOf(row), row, verdict: verdictOf([...run.checks, check]), check, run };
  };
  return {
    name: spec.name,
    fixture: spec.fixture,
    rows,
    idOf,
    scenario: spec.scenario,
    runRow,
    async run(agent, options) {
      const results: RowResult<Row>[] = [];
      // One at a time: a run fakes the process's clock while it lasts.
      for (const row of rows()) results.push(await runRow(row, agent, options));
      return results;
    },
  };
}

/** Why a row did not pass, in one line per failing check: what a test prints. */
export function explain(result: RowResult<unknown>): string {
  const failing = [...result.run.checks, result.check].filter(isProblem);
  return `${result.id} (${result.verdict}): ${failing.map((c) => `${c.id} ${c.verdict}: ${c.message}`).join(' | ') || 'every check passed'}`;
}
