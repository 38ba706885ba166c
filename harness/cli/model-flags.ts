import { accessSync, constants, mkdirSync } from 'node:fs';
import type { Scenario } from '../../scenarios/schema.ts';
import { UsageError } from '../errors.ts';
import { Budget, createBudget, listPrices, type Prices } from '../live/budget.ts';
import { cassettePath, readCassette } from '../live/cassette.ts';
import { DEFAULT_CASSETTES, modeFlags, type ModelMode } from '../live/session.ts';
import type { RunRecord } from '../runner/record.ts';
import { replayCommand } from '../runner/replay-command.ts';
import type { RunRequest } from '../runner/supervisor.ts';

const API = 'https://api.anthropic.com';

export const modelOptions = {
  model: { type: 'string', default: 'scripted' },
  cassettes: { type: 'string', default: DEFAULT_CASSETTES },
  'model-name': { type: 'string' },
  'max-cost-usd': { type: 'string' },
  'max-tokens': { type: 'string' },
  price: { type: 'string' },
  'max-retries': { type: 'string', default: '4' },
} as const;

/**
 * Runs in flight by default with the live model. A live run waits on the network, not the CPU, so
 * more lanes than cores pay: four cut a suite's wall time about fourfold. More would mostly meet
 * the rate limit: an agent sends a request every few seconds, so four lanes stay near the lowest
 * usage tier's 50 requests a minute, and the 429s beyond it are waited out by every lane at once.
 * The budget holds whatever the number: each request reserves its worst case from one shared counter.
 */
export const LIVE_CONCURRENCY = 4;
// Each lane is a worker thread of some 50-100 MB: thousands would exhaust memory, not speed anything up.
const MAX_LANES = 64;

/** `--concurrency` as given, else the live default; undefined leaves it to the runner (its default lanes, supervisor.ts). */
export function concurrencyFor(text: string | undefined, mode: ModelMode): number | undefined {
  if (text === undefined) return mode.kind === 'live' ? LIVE_CONCURRENCY : undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--concurrency: "${text}" is not an integer ≥ 1`);
  if (n > MAX_LANES) throw new UsageError(`--concurrency: ${text} is more than ${MAX_LANES}`);
  return n;
}

export const modelHelp = `  --model scripted|live|replay
                          scripted (default): each scenario's scripted model, in virtual time.
                          live: the real Messages API (needs ANTHROPIC_API_KEY; ANTHROPIC_BASE_URL overrides the host),
                          in real time, tools still simulated; every run is recorded to a cassette, secrets stripped.
                          replay: serves the recorded cassettes in virtual time; a request that differs from its
                          recording fails the run with where it differs and the command that re-records it
  --cassettes DIR         where cassettes are written and read (default ${DEFAULT_CASSETTES})
  --model-name NAME       live/replay: the model to ask instead of the scenario's own (the scripted names are fictional)
  --max-tokens N          live: stop the suite before input + output tokens, summed over every run, could pass N
  --max-cost-usd X        live: stop the suite before it could cost more than X dollars (list prices of opus, sonnet
                          and haiku; --price IN,OUT in dollars per million tokens for other models)
  --max-retries N         live: how often a 429 or 529 is waited out (retry-after, else 1-2-4-8 s) before the agent sees it (default 4)
  --concurrency N         runs in flight at once, each in its own worker thread (default: one worker, and another while a core is
                          free of other processes' work, up to one per core and one per 100 runs;
                          live: ${LIVE_CONCURRENCY}, sharing one budget and one rate-limit pause)`;

type Values = { model: string; cassettes: string; 'model-name'?: string; 'max-cost-usd'?: string; 'max-tokens'?: string; price?: string; 'max-retries': string };

/** The model mode the flags ask for; bad flags and a live run without its key are usage errors (exit 2). */
export function modelMode(values: Values, scenarios: Iterable<Scenario>, env: NodeJS.ProcessEnv = process.env): ModelMode {
  const { model, cassettes } = values;
  const modelName = values['model-name'];
  if (model === 'scripted') {
    for (const flag of ['model-name', 'max-cost-usd', 'max-tokens', 'price'] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to --model live or replay only`);
    return { kind: 'scripted' };
  }
  if (model === 'replay') {
    for (const flag of ['max-cost-usd', 'max-tokens', 'price'] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to --model live only: a replay sends no request`);
    return { kind: 'replay', cassettes, ...(modelName ? { modelName } : {}) };
  }
  if (model !== 'live') throw new UsageError(`--model: "${model}" is not one of scripted, live, replay`);
  const apiKey = env.ANTHROPIC_API_KEY;
  if (!apiKey) throw new UsageError('--model live needs the environment variable ANTHROPIC_API_KEY (your Anthropic API key); set it, or use --model replay to serve recorded cassettes');
  const maxTokens = values['max-tokens'] === undefined ? undefined : positive('--max-tokens', values['max-tokens'], true);
  const maxCostUsd = values['max-cost-usd'] === undefined ? undefined : positive('--max-cost-usd', values['max-cost-usd'], false);
  const names = modelName ? [modelName] : [...new Set([...scenarios].map((s) => s.model.name))];
  const prices = values.price !== undefined ? parsePrice(values.price) : highestListPrice(names);
  if (maxCostUsd !== undefined && !prices) throw new UsageError(`--max-cost-usd: no list price is known for ${names.join(', ')}; give --price IN,OUT (dollars per million input and output tokens)`);
  writable(cassettes);
  return {
    kind: 'live',
    apiKey,
    baseURL: env.ANTHROPIC_BASE_URL || API,
    maxRetries: positive('--max-retries', values['max-retries'], true, 0),
    cassettes,
    budget: createBudget({ ...(maxTokens !== undefined ? { maxTokens } : {}), ...(maxCostUsd !== undefined ? { maxCostUsd } : {}) }, prices),
    ...(modelName ? { modelName } : {}),
  };
}

/** Before a replay starts: every run's cassette exists and parses, else exit 2 listing what to record. */
export function checkCassettes(mode: ModelMode, requests: RunRequest[], scenarios: Map<string, Scenario>): void {
  if (mode.kind !== 'replay') return;
  const problems: string[] = [];
  for (const r of requests) {
    const scenario = scenarios.get(r.scenario) as Scenario;
    try {
      readCassette(cassettePath(mode.cassettes, { scenario: scenario.id, agent: r.agent, seed: r.seed, trial: r.trial }), replayCommand(r.scenario, r.agent, r.seed, r.trial, 'live', modeFlags(mode)));
    } catch (error) {
      problems.push((error as Error).message.replace(/^\[faultline\] /, ''));
    }
  }
  if (problems.length)
    throw new UsageError(`--model replay: ${problems.length} of ${requests.length} runs have no usable cassette:\n  ${problems.slice(0, 10).join('\n  ')}${problems.length > 10 ? `\n  … and ${problems.length - 10} more` : ''}`);
}

/** What a live suite spent, and whether its budget stopped it, for the end of the output. */
export function liveSummary(mode: ModelMode, records: RunRecord[], total: number): string | undefined {
  if (mode.kind !== 'live') return undefined;
  const spent = new Budget(mode.budget).spent();
  const limits = [mode.budget.limits.maxTokens !== undefined && `${mode.budget.limits.maxTokens} tokens`, mode.budget.limits.maxCostUsd !== undefined && `$${mode.budget.limits.maxCostUsd}`].filter(Boolean);
  const line = `live: ${spent.tokens} tokens${mode.budget.prices ? `, $${spent.costUsd.toFixed(4)}` : ''} spent${limits.length ? ` (budget ${limits.join(', ')})` : ''}; cassettes in ${mode.cassettes}/`;
  const interrupted = records.filter((r) => r.interrupted).length;
  if (!interrupted) return line;
  const completed = records.length - interrupted;
  return `${line}\nbudget reached: the suite stopped after ${completed} of ${total} runs; ${interrupted} run(s) cut short are left out of the results and keep their previous cassettes, ${total - records.length} were not started`;
}

/** A live run writes its cassettes after paying for them: find out first that it can. */
function writable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`--cassettes ${dir}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a folder you can write to`);
  }
}

function highestListPrice(names: string[]): Prices | undefined {
  const prices = names.map(listPrices);
  if (prices.some((p) => !p)) return undefined;
  return { input: Math.max(...prices.map((p) => p!.input)), output: Math.max(...prices.map((p) => p!.output)) };
}

function parsePrice(text: string): Prices {
  const [input, output, extra] = text.split(',').map(Number);
  if (extra !== undefined || !Number.isFinite(input) || !Number.isFinite(output) || (input as number) < 0 || (output as number) < 0) {
    throw new UsageError(`--price: "${text}" is not IN,OUT (dollars per million input and output tokens, e.g. 3,15)`);
  }
  return { input: input as number, output: output as number };
}

function positive(flag: string, text: string, integer: boolean, min = Number.MIN_VALUE): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) throw new UsageError(`${flag}: "${text}" is not ${integer ? 'an integer' : 'a number'} ≥ ${min === Number.MIN_VALUE ? '0 (exclusive)' : min}`);
  return n;
}
