import type { RunRecord } from '../runner/record.ts';

/**
 * The short text summary printed after a run: pass counts per scenario × agent, then each failure
 * with its replay, then where results.json and the other reports (`written`) went.
 */
export function summary(records: RunRecord[], out: string, written: readonly string[] = []): string {
  const agents = [...new Set(records.map((r) => r.agent))];
  const scenarios = [...new Set(records.map((r) => r.scenario))];
  const width = Math.max(8, ...scenarios.map((s) => s.length));
  const lines = [`${'scenario'.padEnd(width)}  ${agents.map((a) => a.padStart(12)).join('  ')}`];
  for (const scenario of scenarios) {
    const cells = agents.map((agent) => {
      const runs = records.filter((r) => r.scenario === scenario && r.agent === agent);
      return `${runs.filter((r) => r.verdict === 'pass').length}/${runs.length} pass`.padStart(12);
    });
    lines.push(`${scenario.padEnd(width)}  ${cells.join('  ')}`);
  }
  const failed = records.filter((r) => r.verdict !== 'pass');
  if (failed.length) {
    lines.push('', `${failed.length} run(s) did not pass:`);
    for (const r of failed.slice(0, 20)) {
      const check = r.checks.find((c) => c.verdict !== 'pass');
      lines.push(`  ${r.scenario} / ${r.agent} / seed ${r.seed}: ${check?.id} ${check?.verdict}: ${check?.message}`, `    replay: ${r.replay}`);
    }
    if (failed.length > 20) lines.push(`  … and ${failed.length - 20} more (see results.json)`);
  }
  lines.push('', `results: ${out}/results.json`);
  const reports = written.filter((path) => !path.endsWith('results.json'));
  if (reports.length) lines.push(`reports: ${reports.join(', ')}`);
  return lines.join('\n');
}
