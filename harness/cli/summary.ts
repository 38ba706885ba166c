import type { RunRecord } from '../runner/record.ts';
import { painter } from './color.ts';
import { isProblem } from '../../evals/checkers/types.ts';
import { testedNothing, unstruckMark as unstruck } from '../../reports/matrix.ts';

/** What the summary reads of a run: a fresh record, or one read back from results.json (faultline merge). */
export type SummaryRun = Pick<RunRecord, 'scenario' | 'agent' | 'seed' | 'verdict' | 'checks' | 'replay' | 'faultsStruck'>;

/**
 * The short text summary printed after a run: pass counts per scenario × agent (`n/a` where every
 * run passed with none of the scenario's faults struck: nothing was tested), then each failure
 * with its replay, then the runs in which none of the scenario's faults struck (`faults struck 0 of
 * N`: their primary check judged nothing), then where results.json and the other reports
 * (`written`) went. With `color`, cells are green when every run passed and red otherwise, and the
 * failure header red; colour goes on after padding, so the columns line up either way.
 */
export function summary(records: readonly SummaryRun[], out: string, written: readonly string[] = [], options: { color?: boolean } = {}): string {
  const paint = painter(options.color ?? false);
  const agents = [...new Set(records.map((r) => r.agent))];
  const scenarios = [...new Set(records.map((r) => r.scenario))];
  const width = Math.max(8, ...scenarios.map((s) => s.length));
  const lines = [`${'scenario'.padEnd(width)}  ${agents.map((a) => a.padStart(12)).join('  ')}`];
  for (const scenario of scenarios) {
    const cells = agents.map((agent) => {
      const runs = records.filter((r) => r.scenario === scenario && r.agent === agent);
      const passed = runs.filter((r) => r.verdict === 'pass').length;
      // Runs whose faults never struck (an HTTP agent in a scenario served over MCP) passed nothing: listed below.
      const judged = !runs.length || !runs.every(testedNothing);
      const text = judged ? `${passed}/${runs.length} pass` : 'n/a';
      return ' '.repeat(Math.max(0, 12 - text.length)) + (runs.length && judged ? paint(passed === runs.length ? 'green' : 'red', text) : text);
    });
    lines.push(`${scenario.padEnd(width)}  ${cells.join('  ')}`);
  }
  const failed = records.filter((r) => r.verdict !== 'pass');
  if (failed.length) {
    lines.push('', paint('red', paint('bold', `${failed.length} run(s) did not pass:`)));
    for (const r of failed.slice(0, 20)) {
      const check = r.checks.find(isProblem);
      lines.push(`  ${r.scenario} / ${r.agent} / seed ${r.seed}${unstruck(r) ? ` (${unstruck(r)})` : ''}: ${check?.id} ${check?.verdict}: ${check?.message}`, `    replay: ${r.replay}`);
    }
    if (failed.length > 20) lines.push(`  … and ${failed.length - 20} more (see results.json)`);
  }
  const unstruckRuns = records.filter((r) => unstruck(r));
  if (unstruckRuns.length) {
    lines.push('', paint('bold', `${unstruckRuns.length} run(s) in which no declared fault struck (the primary check judged nothing):`));
    for (const r of unstruckRuns.slice(0, 20)) lines.push(`  ${r.scenario} / ${r.agent} / seed ${r.seed}: ${unstruck(r)}`);
    if (unstruckRuns.length > 20) lines.push(`  … and ${unstruckRuns.length - 20} more (see results.json)`);
  }
  lines.push('', `results: ${out}/results.json`);
  const reports = written.filter((path) => !path.endsWith('results.json'));
  if (reports.length) lines.push(`reports: ${reports.join(', ')}`);
  return lines.join('\n');
}
