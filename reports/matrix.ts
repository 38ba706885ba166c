import type { StoredRun } from '../harness/runner/record.ts';

/** The runs of one scenario × agent, and how many ended in each verdict; a pass in which no declared fault struck tested nothing and counts as `untested`, not `pass`. */
export type Cell = { scenario: string; agent: string; runs: StoredRun[]; pass: number; untested: number; fail: number; error: number };

/** The scenario × agent matrix, scenarios and agents in the order they first appear in the results. */
export function matrixOf(runs: readonly StoredRun[]): { scenarios: string[]; agents: string[]; cell(scenario: string, agent: string): Cell | undefined } {
  const cells = new Map<string, Cell>();
  for (const run of runs) {
    const key = `${run.scenario}\u0000${run.agent}`;
    const cell = cells.get(key) ?? { scenario: run.scenario, agent: run.agent, runs: [], pass: 0, untested: 0, fail: 0, error: 0 };
    cell.runs.push(run);
    cell[testedNothing(run) ? 'untested' : run.verdict]++;
    cells.set(key, cell);
  }
  return {
    scenarios: [...new Set(runs.map((r) => r.scenario))],
    agents: [...new Set(runs.map((r) => r.agent))],
    cell: (scenario, agent) => cells.get(`${scenario}\u0000${agent}`),
  };
}

/** Totals over all runs; a pass in which no declared fault struck tested nothing, and is counted apart (`untested`), not as a pass. */
export function totalsOf(runs: readonly StoredRun[]): { runs: number; pass: number; untested: number; fail: number; error: number } {
  const untested = runs.filter(testedNothing).length;
  return { runs: runs.length, pass: runs.filter((r) => r.verdict === 'pass').length - untested, untested, fail: runs.filter((r) => r.verdict === 'fail').length, error: runs.filter((r) => r.verdict === 'error').length };
}

/** The check a reader should see first: the first failed one, else the first undecided one. */
export function firstProblem(run: StoredRun): StoredRun['checks'][number] | undefined {
  return run.checks.find((c) => c.verdict === 'fail') ?? run.checks.find((c) => c.verdict === 'unknown');
}

/** Runs that did not pass first (failed, then errors), each group in results order. */
export function problemsFirst(runs: readonly StoredRun[]): StoredRun[] {
  const rank = { fail: 0, error: 1, pass: 2 } as const;
  return runs
    .map((run, i) => ({ run, i }))
    .sort((a, b) => rank[a.run.verdict] - rank[b.run.verdict] || a.i - b.i)
    .map((x) => x.run);
}

/** A cell whose runs all passed with none of the scenario's faults struck: it tested nothing, and is shown as n/a, never as passing. */
export const untestedCell = (cell: Pick<Cell, 'runs' | 'untested'>): boolean => cell.runs.length > 0 && cell.untested === cell.runs.length;

/** `k/n` and the pass rate in whole percent, over the runs that tested something (`untested` ones are left out of both). */
export function passRate(cell: Pick<Cell, 'pass' | 'runs'> & { untested?: number }): string {
  const judged = cell.runs.length - (cell.untested ?? 0);
  if (!judged && cell.runs.length) return 'n/a';
  return `${cell.pass}/${judged} (${judged ? Math.round((100 * cell.pass) / judged) : 0}%)`;
}

/** How a run's agent is named to a person: its own `name` (a user's module is asked for by path). */
export const agentLabel = (run: Pick<StoredRun, 'agent' | 'agentName'>): string => run.agentName ?? run.agent;

/** Each agent of the matrix (as it was asked for) by the name a person reads. */
export function agentLabels(runs: readonly StoredRun[]): Map<string, string> {
  return new Map(runs.map((r) => [r.agent, agentLabel(r)]));
}

/** `scenario / agent / seed S[ / trial T]`: how a run is named to a person. */
export function runName(run: Pick<StoredRun, 'scenario' | 'agent' | 'agentName' | 'seed' | 'trial'>): string {
  return `${run.scenario} / ${agentLabel(run)} / seed ${run.seed}${run.trial > 1 ? ` / trial ${run.trial}` : ''}`;
}

/**
 * `faults struck 0 of 2` for a run in which none of the scenario's declared faults struck (its
 * primary check then had nothing to judge); undefined for any other run.
 */
/** A run that passed with none of the scenario's declared faults struck: it tested nothing, and no report, summary or gate counts it as a pass. */
export const testedNothing = (run: Pick<StoredRun, 'verdict' | 'faultsStruck'>): boolean => run.verdict === 'pass' && unstruckMark(run) !== undefined;

export function unstruckMark(run: Pick<StoredRun, 'faultsStruck'>): string | undefined {
  const f = run.faultsStruck;
  return f && f.struck === 0 ? `faults struck 0 of ${f.declared}` : undefined;
}

/** A text cut to `max` characters, on one line. */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Virtual (or wall) milliseconds for a person: `526 ms`, `29.526 s`, `5 min 2.5 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Number((ms / 1000).toFixed(3))} s`;
  return `${Math.floor(ms / 60_000)} min ${Number(((ms % 60_000) / 1000).toFixed(1))} s`;
}
