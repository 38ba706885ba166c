import { z } from 'zod';
import { UsageError } from '../harness/errors.ts';
import { RESULTS_FORMAT, type Results } from '../harness/runner/record.ts';

const count = z.number().int().min(0);

/** One check's verdict on one run (evals/checkers/types.ts). */
const checkSchema = z.looseObject({
  id: z.string().min(1),
  verdict: z.enum(['pass', 'fail', 'not-applicable', 'unknown']),
  message: z.string(),
  evidence: z.unknown().optional(),
});

const metricsSchema = z.looseObject({
  modelTurns: count,
  toolCalls: count,
  effects: count,
  virtualMs: z.number().min(0),
  wallMs: z.number().min(0),
  inputTokens: count,
  outputTokens: count,
});

/** How many of the scenario's declared faults struck in the run (harness/runner/record.ts, FaultsStruck). */
const faultsStruckSchema = z.looseObject({ struck: count, declared: z.number().int().min(1) }).refine((f) => f.struck <= f.declared, { message: 'struck must be at most declared', path: ['struck'] });

/** One run as stored in results.json; its history is the JSONL file `historyFile`, relative to results.json. */
const storedRunSchema = z.looseObject({
  scenario: z.string().min(1),
  agent: z.string().min(1),
  agentName: z.string().min(1).optional(),
  seed: z.number().int(),
  trial: z.number().int().min(1),
  verdict: z.enum(['pass', 'fail', 'error']),
  checks: z.array(checkSchema),
  metrics: metricsSchema,
  historyDigest: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 digest in lower-case hex'),
  historyFile: z.string().min(1),
  replay: z.string().min(1),
  faultsStruck: faultsStruckSchema.optional(),
});

/**
 * results.json, format `faultline.results/1`. Objects are loose: a field added within version 1
 * passes through `faultline report` untouched; removing or retyping one needs a new version.
 */
export const resultsSchema = z.looseObject({
  format: z.literal(RESULTS_FORMAT),
  createdBy: z.string(),
  runs: z.array(storedRunSchema),
});

// The schema and the runner's types describe the same file: this fails to compile when they drift.
const sameShape: (parsed: z.output<typeof resultsSchema>) => Results = (parsed) => parsed;
void sameShape;

const expected = `a faultline results file (format "${RESULTS_FORMAT}", as faultline run writes it)`;

/**
 * Parses and validates the text of a results file; `file` names it in errors. Anything else is a
 * UsageError (exit 2) that names the file and what was expected.
 */
export function parseResults(text: string, file: string): Results {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${(error as Error).message}); expected ${expected}`);
  }
  const format = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as { format?: unknown }).format : undefined;
  if (typeof format !== 'string' || !format.startsWith('faultline.results/')) throw new UsageError(`${file}: not faultline results (no "format": "faultline.results/…" field); expected ${expected}`);
  if (format !== RESULTS_FORMAT) throw new UsageError(`${file}: format "${format}" is not one this faultline reads; expected "${RESULTS_FORMAT}" (re-run with the faultline that wrote it, or run the suite again)`);
  const parsed = resultsSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `  ${file}: ${i.path.join('.') || '(top)'}: ${i.message}`);
    const more = parsed.error.issues.length > 10 ? [`  … and ${parsed.error.issues.length - 10} more`] : [];
    throw new UsageError([`${file}: does not match ${RESULTS_FORMAT}; expected ${expected}:`, ...issues, ...more].join('\n'));
  }
  return parsed.data as Results;
}
