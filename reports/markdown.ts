import type { StoredRun } from '../harness/runner/record.ts';
import { agentLabels, clip, firstProblem, matrixOf, passRate, problemsFirst, runName, totalsOf, unstruckMark, untestedCell } from './matrix.ts';
import type { Reporter, ReportInput } from './types.ts';

/**
 * At most this many characters: under GitHub's 65,536 for a PR comment (a step summary may hold
 * 1 MiB). The matrix comes first; failed runs follow until the budget is spent.
 */
export const MARKDOWN_MAX_CHARS = 60_000;
const MESSAGE_MAX_CHARS = 300;

/** Text that renders as itself in GitHub Markdown, on one line. */
export function mdText(text: string): string {
  return clip(text, Number.MAX_SAFE_INTEGER)
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/** An inline code span that holds `text` whatever backticks it contains. */
export function mdCode(text: string): string {
  const line = clip(text, Number.MAX_SAFE_INTEGER);
  const fence = '`'.repeat(Math.max(0, ...(line.match(/`+/g) ?? []).map((m) => m.length)) + 1);
  return fence.length > 1 || line.startsWith('`') || line.endsWith('`') ? `${fence} ${line} ${fence}` : `${fence}${line}${fence}`;
}

const icon = { pass: '✅', fail: '❌', error: '⚠️' } as const;

function matrix(runs: readonly StoredRun[]): string[] {
  const m = matrixOf(runs);
  const labels = agentLabels(runs);
  const lines = [`| scenario | ${m.agents.map((a) => mdText(labels.get(a) ?? a)).join(' | ')} |`, `|---|${m.agents.map(() => '---:|').join('')}`];
  for (const scenario of m.scenarios) {
    const cells = m.agents.map((agent) => {
      const cell = m.cell(scenario, agent);
      if (!cell) return '–';
      if (untestedCell(cell)) return `n/a (no fault struck in ${cell.runs.length})`;
      const mark = cell.fail ? icon.fail : cell.error ? icon.error : icon.pass;
      return `${mark} ${passRate(cell)}${cell.untested ? ` · ${cell.untested} n/a` : ''}${cell.error ? ` · ${cell.error} error` : ''}`;
    });
    lines.push(`| ${mdText(scenario)} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function failure(run: StoredRun): string {
  const check = firstProblem(run);
  const what = check ? `${mdCode(check.id)} ${check.verdict}: ${mdText(clip(check.message, MESSAGE_MAX_CHARS))}` : `${run.verdict} (no check recorded)`;
  const mark = unstruckMark(run);
  return `- ${icon[run.verdict]} **${mdText(runName(run))}**${mark ? ` (${mark})` : ''} — ${what}<br>replay: ${mdCode(run.replay)}`;
}

/** At most this many runs whose faults never struck are listed by name; the rest are counted. */
const UNSTRUCK_LISTED_MAX = 20;

/**
 * The runs in which none of the scenario's declared faults struck, each with the check that could
 * not be judged for it: a line a reader cannot miss, since such a run may well pass.
 */
function unstruckSection(runs: readonly StoredRun[]): string[] {
  const unstruck = runs.filter((r) => unstruckMark(r) !== undefined);
  if (!unstruck.length) return [];
  const items = unstruck.slice(0, UNSTRUCK_LISTED_MAX).map((run) => {
    const primary = run.checks.find((c) => c.verdict === 'not-applicable' && /fault.* struck in this run/.test(c.message));
    return `- ${icon[run.verdict]} **${mdText(runName(run))}** — ${unstruckMark(run)}${primary ? `: ${mdCode(primary.id)} not judged` : ''}`;
  });
  const more = unstruck.length > UNSTRUCK_LISTED_MAX ? [`- … and ${unstruck.length - UNSTRUCK_LISTED_MAX} more: see report.html or results.json`] : [];
  return [`### Faults never struck (${unstruck.length})`, '', "The scenario's faults did not strike in these runs, so its primary check had nothing to judge.", '', ...items, ...more];
}

/** summary.md: for a GitHub step summary or a PR comment. */
export const markdownReporter: Reporter = {
  name: 'md',
  file: 'summary.md',
  description: 'the scenario × agent matrix with pass rates, then the failed runs with their replay commands (fits a PR comment)',
  render({ results, gate }) {
    if (gate) return gateSummary(results.runs, gate);
    const t = totalsOf(results.runs);
    const head = [`## faultline: ${t.runs} run(s): ${t.pass} pass, ${t.fail} fail, ${t.error} error${t.untested ? `, ${t.untested} tested nothing (no fault struck)` : ''}`, ''];
    const failed = problemsFirst(results.runs).filter((r) => r.verdict !== 'pass');
    const tail = (shown: number) => (failed.length > shown ? ['', `… and ${failed.length - shown} more run(s) that did not pass: see report.html or results.json.`] : []);
    const unstruck = unstruckSection(results.runs);
    const budget = MARKDOWN_MAX_CHARS - 200 - unstruck.join('\n').length;
    const lines = [...head];
    let size = lines.join('\n').length;
    for (const line of matrix(results.runs)) {
      if (size + line.length + 1 > budget / 2) {
        lines.push('', `… the matrix goes on: ${results.runs.length} run(s) in all, see report.html.`);
        break;
      }
      lines.push(line);
      size += line.length + 1;
    }
    const held = t.pass ? 'Every check held.' : 'No run tested anything: no declared fault struck.';
    if (!failed.length) return [...lines, '', held, ...(unstruck.length ? ['', ...unstruck] : []), ''].join('\n');
    lines.push('', `### Did not pass (${failed.length})`, '');
    size = lines.join('\n').length;
    let shown = 0;
    for (const run of failed) {
      const line = failure(run);
      if (size + line.length + 1 > budget) break;
      lines.push(line);
      size += line.length + 1;
      shown++;
    }
    return [...lines, ...tail(shown), ...(unstruck.length ? ['', ...unstruck] : []), ''].join('\n');
  },
};

/**
 * A gate's summary.md, shaped like its decision: the verdict, then what made it (regressions with
 * the check, its message and the replay command; lint findings), then what got better, then the
 * failures it already knew, folded away with why each is not a regression.
 */
function gateSummary(runs: readonly StoredRun[], gate: NonNullable<ReportInput['gate']>): string {
  const known = runs.filter((r) => r.verdict !== 'pass' && gate.known(r) !== undefined);
  const lines = [`## ${gate.passed ? '✅' : '❌'} ${mdText(gate.headline)}`, ''];
  // Every section within the budget of a PR comment: what does not fit is counted, not cut mid-line.
  const section = (title: string, items: string[]) => {
    if (!items.length) return;
    lines.push(`### ${title} (${items.length})`, '');
    let size = lines.join('\n').length;
    const fits = items.findIndex((item) => (size += item.length + 1) > MARKDOWN_MAX_CHARS / 2);
    lines.push(...(fits === -1 ? items : [...items.slice(0, fits), `- … and ${items.length - fits} more: see report.html or results.json`]), '');
  };
  section(
    'Regressions',
    gate.regressions.map((r) => `- ❌ **${mdText(r.scenario)}** ${mdText(r.what)} — ${mdCode(r.check)}: ${mdText(clip(r.message, MESSAGE_MAX_CHARS))}${r.replay ? `<br>replay: ${mdCode(r.replay)}` : ''}`),
  );
  section(
    'Lint findings',
    gate.lint.map((f) => `- ${mdText(f)}`),
  );
  section(
    'Missing runs',
    gate.missing.map((r) => `- ⚠️ ${mdText(r)}: the suite judged nothing of it`),
  );
  section(
    'Newly passing',
    gate.improved.map((r) => `- ✅ ${mdText(r)}`),
  );
  section(
    'Faults never struck',
    runs.flatMap((r) => (unstruckMark(r) ? [`- ${icon[r.verdict]} **${mdText(runName(r))}** — ${unstruckMark(r)}: its primary check had nothing to judge`] : [])),
  );
  if (known.length) {
    lines.push(`<details><summary>Known failures (${known.length}): not regressions</summary>`, '');
    for (const run of known) {
      if (lines.join('\n').length > MARKDOWN_MAX_CHARS - 500) {
        lines.push(`- … and more: see report.html or results.json`);
        break;
      }
      lines.push(`- **${mdText(runName(run))}** — ${mdText(gate.known(run) ?? '')}`);
    }
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
}
