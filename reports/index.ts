import { UsageError } from '../harness/errors.ts';
import type { StoredRun } from '../harness/runner/record.ts';
import { csvReporter } from './csv.ts';
import { htmlReporter } from './html/index.ts';
import { jsonReporter } from './json.ts';
import { junitReporter } from './junit.ts';
import { markdownReporter } from './markdown.ts';
import { redactDeep, redactText } from './redact.ts';
import { REPORTER_NAMES, type Reporter, type ReporterName, type ReportInput } from './types.ts';

export type { Reporter, ReporterName, ReportInput } from './types.ts';

/** Every report faultline writes, by the name `--reporter` takes. Adding one is one file and one entry. */
export const reporters: Record<ReporterName, Reporter> = {
  html: htmlReporter,
  md: markdownReporter,
  csv: csvReporter,
  junit: junitReporter,
  json: jsonReporter,
};

/**
 * Renders one report with its secrets redacted twice over: the input as data (strings and
 * credential-named keys) before the writer sees it, and the writer's text after.
 */
export function renderReport(name: ReporterName, input: ReportInput): string {
  return renderReports([name], input)[0] as string;
}

/** Several reports of one input, each as renderReport renders it, the input redacted once for all of them. */
export function renderReports(names: readonly ReporterName[], input: ReportInput): string[] {
  const results = redactDeep(input.results);
  const originals = new Map(results.runs.map((run, i) => [run, input.results.runs[i] ?? run]));
  const history = (run: StoredRun) => {
    const events = input.history(originals.get(run) ?? run);
    return events && redactDeep(events);
  };
  // A gate's decision reaches the writer as it is: what it renders is redacted with the rest of the text.
  return names.map((name) => redactText(reporters[name].render({ results, history, ...(input.gate ? { gate: input.gate } : {}) })));
}

/** Parses `--reporter html,md,…`: every name must be one of REPORTER_NAMES. */
/** `--reporter`'s list plus results.json, which every command that runs a suite writes besides. */
export function parseReportersWithJson(text: string): ReporterName[] {
  return [...new Set([...parseReporters(text), 'json' as const])];
}

export function parseReporters(text: string): ReporterName[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(REPORTER_NAMES as readonly string[]).includes(n));
  if (unknown.length || !names.length) throw new UsageError(`--reporter: unknown reporter${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ') || '(none given)'}; use any of ${REPORTER_NAMES.join(', ')}`);
  return REPORTER_NAMES.filter((n) => names.includes(n));
}
