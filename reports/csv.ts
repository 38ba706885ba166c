import { stringify } from 'csv-stringify/sync';
import type { Reporter } from './types.ts';

// faults_struck is `struck/declared` (`0/1`: the scenario's premise never happened), empty for a scenario with no fault.
export const CSV_COLUMNS = ['scenario', 'agent', 'seed', 'trial', 'run_verdict', 'faults_struck', 'check_id', 'check_verdict', 'message', 'replay'] as const;

/** results.csv: one row per run × check (a run with no check gets one row with the check columns empty). */
export const csvReporter: Reporter = {
  name: 'csv',
  file: 'results.csv',
  description: 'one row per run × check: scenario, agent, seed, trial, run verdict, faults struck, check id, check verdict, message, replay',
  render({ results }) {
    const rows = results.runs.flatMap((run) => {
      const struck = run.faultsStruck ? `${run.faultsStruck.struck}/${run.faultsStruck.declared}` : '';
      const base = { scenario: run.scenario, agent: run.agent, seed: run.seed, trial: run.trial, run_verdict: run.verdict, faults_struck: struck, replay: run.replay };
      if (!run.checks.length) return [{ ...base, check_id: '', check_verdict: '', message: '' }];
      return run.checks.map((c) => ({ ...base, check_id: c.id, check_verdict: c.verdict, message: c.message }));
    });
    return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'unix' });
  },
};
