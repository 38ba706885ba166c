import { gunzipSync } from 'node:zlib';
import { type HistoryEvent, parseHistory } from '../../harness/history.ts';
import { RESULTS_FORMAT, type Results, type RunRecord, type StoredRun } from '../../harness/runner/record.ts';
import { esc } from '../../reports/html/escape.ts';
import { storeRecords } from '../../reports/json.ts';
import type { ReportInput } from '../../reports/types.ts';
import { run } from '../helpers.ts';

/** Real runs: two catalogue scenarios × the negative and the positive control, seed 1. */
export async function sampleRecords(): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for (const scenario of ['dropped-ack', 'reordered-parallel']) for (const agent of ['naive', 'hardened']) records.push(await run(scenario, agent, 1));
  return records;
}

/** What `faultline run` hands the reporters for these records. */
export function inputOf(records: readonly RunRecord[]): ReportInput {
  const { results, histories } = storeRecords(records);
  return {
    results,
    history: (r) => {
      const h = histories.get(r);
      return h && parseHistory(h.text);
    },
  };
}

/**
 * `n` runs made of the sample's real ones (and their histories), spread like the main job's: 84
 * scenario × agent cells (21 copies of each sample scenario), as many seeds as it takes.
 */
export function replicated(records: readonly RunRecord[], n: number): ReportInput {
  const { results, histories } = storeRecords(records);
  const parsed = new Map(results.runs.map((run) => [run, parseHistory(histories.get(run)?.text ?? '')]));
  const events = new Map<StoredRun, readonly HistoryEvent[] | undefined>();
  const runs = Array.from({ length: n }, (_, i): StoredRun => {
    const base = results.runs[i % results.runs.length] as StoredRun;
    const copy = Math.floor(i / results.runs.length) % 21;
    const seed = Math.floor(i / (results.runs.length * 21)) + 1;
    const scenario = `${base.scenario}-${copy}`;
    const run = { ...base, scenario, seed, replay: `npx faultline run --scenario ${scenario} --agent ${base.agent} --seed ${seed}`, historyFile: `histories/${scenario}__${base.agent}__s${seed}.jsonl` };
    events.set(run, parsed.get(base));
    return run;
  });
  return { results: { ...results, runs }, history: (r) => events.get(r) };
}

/** The packed texts of a report.html (reports/html/pack.ts), by id. */
export function packsOf(html: string): Map<string, string> {
  return new Map([...html.matchAll(PACK)].map((m) => [m[1] as string, gunzipSync(Buffer.from(m[2] as string, 'base64')).toString('utf8')]));
}
const PACK = /<script type="application\/octet-stream" id="([\w-]+)"[^>]*>([^<]*)<\/script>\n?/g;

/**
 * report.html as the browser shows it with every run listed and opened: the packed rows in the list,
 * each with its filter fields as `data-*` and its body, and no packed data left.
 */
export function unpacked(html: string): string {
  const packs = packsOf(html);
  const rows = JSON.parse(packs.get('runs-packed') ?? '[]') as Array<{ filter: Record<string, string>; html: string }>;
  const bodies = [...packs].filter(([id]) => id.startsWith('bodies-')).flatMap(([, text]) => JSON.parse(text) as string[]);
  if (bodies.length !== rows.length) throw new Error(`${rows.length} rows but ${bodies.length} bodies`);
  const list = rows.map((row, i) => {
    const data = Object.entries(row.filter)
      .map(([k, v]) => ` data-${k}="${esc(v)}"`)
      .join('');
    return row.html.replace('>', `${data}>`).replace('<div class="run-body"></div>', `<div class="run-body">${bodies[i]}</div>`);
  });
  return html.replace(PACK, '').replace(/<div id="run-list"([^>]*)>[\s\S]*?<\/div>/, (_all, attrs: string) => `<div id="run-list"${attrs}>${list.join('\n')}</div>`);
}

/** A made-up run, for shapes real runs rarely have (thousands of runs, awkward text). */
export function fakeRun(over: Partial<StoredRun> = {}): StoredRun {
  const verdict = over.verdict ?? 'pass';
  return {
    scenario: 'dropped-ack',
    agent: 'naive',
    seed: 1,
    trial: 1,
    verdict,
    checks: [{ id: 'exactly-once', verdict: verdict === 'error' ? 'unknown' : verdict, message: verdict === 'pass' ? 'every intended effect committed exactly as intended' : 'orders/order committed 2 times, intended 1' }],
    metrics: { modelTurns: 3, toolCalls: 2, effects: 1, virtualMs: 30_785, wallMs: 12.5, inputTokens: 700, outputTokens: 30 },
    historyDigest: 'a'.repeat(64),
    historyFile: 'histories/x.jsonl',
    replay: `npx faultline run --scenario ${over.scenario ?? 'dropped-ack'} --agent ${over.agent ?? 'naive'} --seed ${over.seed ?? 1}`,
    ...over,
  };
}

export function fakeInput(runs: StoredRun[]): ReportInput {
  const results: Results = { format: RESULTS_FORMAT, createdBy: 'test', runs };
  return { results, history: () => undefined };
}

/** A small CSV parser (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

export type XmlElement = { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string };

/**
 * A minimal XML parser: elements, attributes, text and the five entities plus numeric
 * references. It throws on anything malformed (a stray `<` or `&`, a mismatched close tag).
 */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const decode = (s: string) => {
    if (/[<]|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(s)) throw new Error(`unescaped markup in ${JSON.stringify(s.slice(0, 60))}`);
    return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) =>
      e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] as string),
    );
  };
  const skip = () => {
    for (;;) {
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml.startsWith('<?', i)) i = xml.indexOf('?>', i) + 2;
      else if (xml.startsWith('<!--', i)) i = xml.indexOf('-->', i) + 3;
      else return;
    }
  };
  const element = (): XmlElement => {
    const open = /^<([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/.exec(xml.slice(i));
    if (!open) throw new Error(`expected an element at ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
    i += open[0].length;
    const attrs: Record<string, string> = {};
    for (const m of (open[2] ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[m[1] as string] = decode(m[2] as string);
    const node: XmlElement = { name: open[1] as string, attrs, children: [], text: '' };
    if (open[3]) return node;
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${node.name}>`);
      node.text += decode(xml.slice(i, lt));
      i = lt;
      if (xml.startsWith(`</${node.name}>`, i)) return ((i += node.name.length + 3), node);
      if (xml.startsWith('</', i)) throw new Error(`mismatched close tag at ${i} inside <${node.name}>`);
      node.children.push(element());
    }
  };
  skip();
  const root = element();
  skip();
  if (i !== xml.length) throw new Error(`content after the root element at ${i}`);
  return root;
}
