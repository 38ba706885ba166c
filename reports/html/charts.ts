import type { StoredRun } from '../../harness/runner/record.ts';
import { esc } from './escape.ts';
import { agentLabels } from '../matrix.ts';

/** A bin of a histogram: values in [from, to], and how many runs in it passed or did not. */
export type Bin = { from: number; to: number; pass: number; notPass: number };

const BINS_MAX = 24;

/** Integer values binned one per value when they span few, else into at most 24 equal bins. */
export function binsOf(values: ReadonlyArray<{ value: number; pass: boolean }>): Bin[] {
  if (!values.length) return [];
  const nums = values.map((v) => v.value);
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const width = Math.max(1, Math.ceil((max - min + 1) / BINS_MAX));
  const bins: Bin[] = [];
  for (let from = min; from <= max; from += width) bins.push({ from, to: from + width - 1, pass: 0, notPass: 0 });
  for (const v of values) {
    const bin = bins[Math.floor((v.value - min) / width)] as Bin;
    if (v.pass) bin.pass++;
    else bin.notPass++;
  }
  return bins;
}

const W = 260;
const H = 120;
const PAD = { l: 30, r: 8, t: 22, b: 24 };

/** One histogram as inline SVG: runs per value, each bar split into passed (green) and not passed (red). */
export function histogramSvg(title: string, values: ReadonlyArray<{ value: number; pass: boolean }>): string {
  const bins = binsOf(values);
  const top = Math.max(1, ...bins.map((b) => b.pass + b.notPass));
  const plotW = W - PAD.l - PAD.r;
  const plotH = H - PAD.t - PAD.b;
  const barW = bins.length ? plotW / bins.length : plotW;
  const bars = bins
    .map((b, i) => {
      const x = PAD.l + i * barW;
      const hPass = (b.pass / top) * plotH;
      const hNot = (b.notPass / top) * plotH;
      const range = b.from === b.to ? `${b.from}` : `${b.from}–${b.to}`;
      const w = Math.max(1, barW - 1).toFixed(1);
      return (
        `<g><title>${esc(`${range}: ${b.pass + b.notPass} run(s), ${b.pass} passed, ${b.notPass} did not`)}</title>` +
        (b.notPass ? `<rect class="bar-fail" x="${x.toFixed(1)}" y="${(PAD.t + plotH - hNot).toFixed(1)}" width="${w}" height="${hNot.toFixed(1)}"/>` : '') +
        (b.pass ? `<rect class="bar-pass" x="${x.toFixed(1)}" y="${(PAD.t + plotH - hNot - hPass).toFixed(1)}" width="${w}" height="${hPass.toFixed(1)}"/>` : '') +
        '</g>'
      );
    })
    .join('');
  const first = bins[0];
  const last = bins.at(-1);
  const axis =
    `<line class="axis" x1="${PAD.l}" y1="${PAD.t + plotH}" x2="${W - PAD.r}" y2="${PAD.t + plotH}"/>` +
    `<text class="tick" x="${PAD.l - 4}" y="${PAD.t + 8}" text-anchor="end">${top}</text><text class="tick" x="${PAD.l - 4}" y="${PAD.t + plotH}" text-anchor="end">0</text>` +
    (first ? `<text class="tick" x="${PAD.l}" y="${H - 8}">${first.from}</text>` : '') +
    (last && last !== first ? `<text class="tick" x="${W - PAD.r}" y="${H - 8}" text-anchor="end">${last.to}</text>` : '');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><text class="chart-title" x="${PAD.l}" y="14">${esc(title)}</text>${bars}${axis}</svg>`;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2) : 0;
};

/** For each metric, one histogram per agent (small multiples), titled with the agent, the run count and the median. */
export function distributions(runs: readonly StoredRun[], metrics: ReadonlyArray<{ key: 'toolCalls' | 'modelTurns'; label: string }>): string {
  const labels = agentLabels(runs);
  const agents = [...labels.keys()];
  return metrics
    .map(({ key, label }) => {
      const charts = agents.map((agent) => {
        const mine = runs.filter((r) => r.agent === agent);
        const values = mine.map((r) => ({ value: r.metrics[key], pass: r.verdict === 'pass' }));
        return histogramSvg(`${labels.get(agent) ?? agent}: n=${mine.length}, median ${median(values.map((v) => v.value))}`, values);
      });
      return `<figure class="dist" data-metric="${key}"><figcaption>${esc(label)} per run</figcaption><div class="charts">${charts.join('')}</div></figure>`;
    })
    .join('');
}
