import { eventsOf, type HistoryEvent } from '../../harness/history.ts';
import type { StoredRun } from '../../harness/runner/record.ts';
import { agentLabels, clip, firstProblem, formatMs, matrixOf, passRate, problemsFirst, runName, totalsOf, unstruckMark } from '../matrix.ts';
import type { Reporter, ReportInput } from '../types.ts';
import { CSS, JS } from './assets.ts';
import { distributions } from './charts.ts';
import { esc } from './escape.ts';
import { timelineOf, timelineSvg } from './timeline.ts';
import { isProblem } from '../../evals/checkers/types.ts';

/**
 * Which runs carry a timeline and ledger (their history, drawn): the runs that did not pass, up to
 * this many, taken in turn from each scenario × agent so every cell shows some; and the first
 * passing run of each cell, to compare with. Every run, drawn or not, lists its checks and replay.
 */
export const DETAILED_FAILED_MAX = 200;
export const DETAILED_PASSED_PER_CELL = 1;
const EVIDENCE_MAX_CHARS = 2_000;

/** The runs whose history the report draws (see DETAILED_FAILED_MAX). */
export function detailedRuns(runs: readonly StoredRun[]): Set<StoredRun> {
  const m = matrixOf(runs);
  const cells = m.scenarios.flatMap((s) => m.agents.map((a) => m.cell(s, a))).filter((c) => c !== undefined);
  const chosen = new Set<StoredRun>();
  const queues = cells.map((c) => c.runs.filter((r) => r.verdict !== 'pass'));
  for (let round = 0; chosen.size < DETAILED_FAILED_MAX && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const run = q[round];
      if (run && chosen.size < DETAILED_FAILED_MAX) chosen.add(run);
    }
  }
  for (const c of cells) for (const run of c.runs.filter((r) => r.verdict === 'pass').slice(0, DETAILED_PASSED_PER_CELL)) chosen.add(run);
  return chosen;
}

function matrixTable(runs: readonly StoredRun[]): string {
  const m = matrixOf(runs);
  const labels = agentLabels(runs);
  const head = `<thead><tr><th>scenario</th>${m.agents.map((a) => `<th>${esc(labels.get(a) ?? a)}</th>`).join('')}</tr></thead>`;
  const body = m.scenarios
    .map((s) => {
      const cells = m.agents.map((a) => {
        const cell = m.cell(s, a);
        if (!cell) return '<td class="empty">–</td>';
        const rate = cell.pass / cell.runs.length;
        const style = `background: hsl(${Math.round(rate * 120)} 70% ${cell.pass === cell.runs.length ? 88 : 90}%)`;
        const extra = [cell.fail ? `${cell.fail} fail` : '', cell.error ? `${cell.error} error` : ''].filter(Boolean).join(', ');
        return `<td style="${style}" data-filter="scenario:${esc(s.toLowerCase())} agent:${esc(a.toLowerCase())}" title="${esc(`${s} × ${a}: ${passRate(cell)} pass; click to list these runs`)}"><a href="#runs">${cell.pass}/${cell.runs.length} pass<small>${Math.round(rate * 100)}%${extra ? ` · ${extra}` : ''}</small></a></td>`;
      });
      return `<tr><th>${esc(s)}</th>${cells.join('')}</tr>`;
    })
    .join('');
  const foot = `<tfoot><tr><td>all scenarios</td>${m.agents
    .map((a) => {
      const mine = runs.filter((r) => r.agent === a);
      return `<td>${passRate({ pass: mine.filter((r) => r.verdict === 'pass').length, runs: mine })}</td>`;
    })
    .join('')}</tr></tfoot>`;
  return `<table class="matrix">${head}<tbody>${body}</tbody>${foot}</table>`;
}

function checksList(run: StoredRun, withEvidence: boolean): string {
  const items = run.checks.map((c) => {
    const evidence = withEvidence && c.evidence !== undefined ? `<details><summary>evidence</summary><pre>${esc(clip(JSON.stringify(c.evidence, null, 1) ?? '', EVIDENCE_MAX_CHARS))}</pre></details>` : '';
    return `<li class="check ${c.verdict}"><span class="badge ${c.verdict}">${c.verdict}</span><span class="id">${esc(c.id)}</span>${esc(c.message)}${evidence}</li>`;
  });
  return `<ul class="checks">${items.join('') || '<li>no check recorded</li>'}</ul>`;
}

function ledger(events: readonly HistoryEvent[]): string {
  const commits = eventsOf(events, 'commit');
  if (!commits.length) return '<p class="note">No effect was committed.</p>';
  const outcome = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c]));
  const rows = commits.map((c) => {
    const seen = outcome.get(c.id);
    const saw = seen ? `${seen.outcome}${seen.status === null ? ' (no reply)' : ` ${seen.status}`}` : '–';
    return `<tr><td>${esc(formatMs(c.t))}</td><td class="mono">${esc(c.id)}</td><td>${esc(`${c.service} / ${c.kind}`)}</td><td class="mono">${esc(clip(JSON.stringify(c.effect), 240))}</td><td class="${seen?.outcome ?? ''}">${esc(saw)}</td></tr>`;
  });
  return `<table class="ledger"><thead><tr><th>virtual time</th><th>request</th><th>service / effect</th><th>committed</th><th>the client saw</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function drawn(events: readonly HistoryEvent[]): string {
  const reply = eventsOf(events, 'agent-reply')[0];
  const error = eventsOf(events, 'agent-error')[0] ?? eventsOf(events, 'run-stopped').map((e) => ({ kind: `stopped (${e.reason})`, message: e.message }))[0];
  const faults = eventsOf(events, 'fault').length;
  return [
    `<h4>Timeline</h4><p class="note">${faults} fault(s) struck. Hover a row for its detail.</p>`,
    `<div class="scroll">${timelineSvg(timelineOf(events))}</div>`,
    '<h4>Ledger of effects</h4>',
    ledger(events),
    '<h4>Final reply</h4>',
    reply ? `<p class="reply">${esc(clip(reply.text, 2_000))}</p>` : `<p class="note">No reply${error ? `: agent ${esc(error.kind)}: ${esc(clip(error.message, 300))}` : ''}.</p>`,
  ].join('');
}

function runBlock(run: StoredRun, index: number, events: readonly HistoryEvent[] | undefined, detailed: boolean): string {
  const problem = firstProblem(run);
  const m = run.metrics;
  const mark = unstruckMark(run);
  const key = [run.scenario, run.agent, `seed-${run.seed}`, ...run.checks.filter(isProblem).map((c) => c.id), ...(mark ? ['unstruck'] : [])].join(' ').toLowerCase();
  const checksAttr = run.checks.filter(isProblem).map((c) => c.id.toLowerCase()).join(' ');
  const attrs = `data-verdict="${run.verdict}" data-key="${esc(key)}" data-scenario="${esc(run.scenario.toLowerCase())}" data-agent="${esc(run.agent.toLowerCase())}" data-seed="${run.seed}" data-check="${esc(checksAttr)}"`;
  const unstruck = mark ? `<span class="unstruck" title="none of the scenario's declared faults struck in this run: its primary check had nothing to judge">${esc(mark)}</span>` : '';
  const summary = `<summary><span class="badge ${run.verdict}">${run.verdict}</span> <span class="name">${esc(runName(run))}</span>${unstruck}${problem ? `<span class="why">${esc(clip(`${problem.id}: ${problem.message}`, 160))}</span>` : ''}</summary>`;
  const struck = run.faultsStruck ? ` · faults struck ${run.faultsStruck.struck} of ${run.faultsStruck.declared}` : '';
  const metrics = `${m.modelTurns} model turn(s) · ${m.toolCalls} tool call(s) · ${m.effects} effect(s) · ${formatMs(m.virtualMs)} virtual · ${formatMs(m.wallMs)} wall · ${m.inputTokens} in / ${m.outputTokens} out tokens${struck}`;
  const history = `history <a href="${esc(run.historyFile)}">${esc(run.historyFile)}</a> <span class="mono" title="sha256 of the history file">${esc(run.historyDigest.slice(0, 12))}</span>`;
  let body: string;
  if (detailed && events) body = `<template class="lazy">${drawn(events)}</template>`;
  else if (detailed) body = `<p class="note">The history file ${esc(run.historyFile)} could not be read; replay the run to see its timeline.</p>`;
  else body = `<p class="note">Timeline not drawn: this report draws the runs that did not pass (up to ${DETAILED_FAILED_MAX}) and one passing run per scenario × agent. Replay the run, or read its history file.</p>`;
  return (
    `<details class="run ${run.verdict}" id="run-${index + 1}" ${attrs}>${summary}<div class="run-body">` +
    `<p class="replay"><span class="k">replay</span><code>${esc(run.replay)}</code><button type="button" class="copy" data-copy="${esc(run.replay)}">copy</button></p>` +
    `<p class="metrics">${metrics}<br>${history}</p><h4>Checks</h4>${checksList(run, detailed)}${body}</div></details>`
  );
}

/**
 * report.html: one self-contained page (inline CSS, SVG and script; nothing is fetched) for a
 * reviewer. The matrix of pass rates, the distributions of tool calls and model turns, then every
 * run, problems first, each with its checks and replay command; drawn runs (see
 * DETAILED_FAILED_MAX) add the sequence diagram, the ledger and the reply, built only when opened.
 */
export const htmlReporter: Reporter = {
  name: 'html',
  file: 'report.html',
  description: 'one self-contained page: the matrix, metric distributions, and per run its checks, replay, timeline and ledger',
  render(input: ReportInput) {
    const runs = input.results.runs;
    const t = totalsOf(runs);
    const chosen = detailedRuns(runs);
    const ordered = problemsFirst(runs);
    const blocks = ordered.map((run, i) => runBlock(run, i, chosen.has(run) ? input.history(run) : undefined, chosen.has(run)));
    const unstruck = runs.filter((r) => unstruckMark(r) !== undefined).length;
    const scenarios = new Set(runs.map((r) => r.scenario)).size;
    const agents = new Set(runs.map((r) => r.agent)).size;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>faultline report: ${t.fail + t.error} of ${t.runs} run(s) did not pass</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>faultline report</h1>
<p class="totals">${t.runs} run(s) of ${scenarios} scenario(s) × ${agents} agent(s): <b class="pass">${t.pass} pass</b> · <b class="fail">${t.fail} fail</b> · <b class="error">${t.error} error</b>${unstruck ? ` · <b class="unstruck">${unstruck} run(s) in which no declared fault struck</b> (search <i>unstruck</i>)` : ''} <span class="note">(${esc(input.results.format)}, written by ${esc(input.results.createdBy)})</span></p>
</header>
<main>
<section id="matrix">
<h2>Scenarios × agents: runs that passed</h2>
<p class="note">A run passes when every check held. Click a cell to list its runs.</p>
${matrixTable(runs)}
</section>
<section id="distributions">
<h2>Distributions</h2>
<p class="note legend"><span style="color: var(--pass)">■ passed</span><span style="color: var(--fail)">■ did not pass</span> Runs per value; hover a bar for its counts.</p>
${distributions(runs, [
  { key: 'toolCalls', label: 'Tool calls' },
  { key: 'modelTurns', label: 'Model turns' },
])}
</section>
<section id="runs">
<h2>Runs</h2>
<div class="filters">
<label><input type="checkbox" id="failed-only"> only runs that did not pass (${t.fail + t.error})</label>
<input type="search" id="run-filter" placeholder="filter: words, or scenario:… agent:… check:… seed:…" aria-label="filter runs">
<span id="shown">${runs.length} of ${runs.length} run(s) shown</span>
</div>
<p class="note">Runs that did not pass come first. Open one for its checks, replay command${chosen.size ? ', and for drawn runs the sequence diagram of its history in virtual time, with each fault where it struck, and the ledger of effects' : ''}.</p>
${blocks.join('\n')}
</section>
</main>
<script>${JS}</script>
</body>
</html>
`;
  },
};
