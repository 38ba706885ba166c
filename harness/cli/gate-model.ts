import { dirname, relative, sep } from 'node:path';
import type { Scenario } from '../../scenarios/schema.ts';
import { fromConfig, type Config } from '../config.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_CASSETTES, modeFlags, type ModelMode } from '../live/session.ts';
import { LIVE_CONCURRENCY, modelMode, modelOptions } from './model-flags.ts';

/** The gate's model flags: `run`'s, but without defaults, which come from the config's `replay` block. */
export const gateModelOptions = {
  ...modelOptions,
  model: { type: 'string' },
  cassettes: { type: 'string' },
  'max-retries': { type: 'string' },
  record: { type: 'boolean' },
} as const;

export const gateModelHelp = `  --model scripted|live|replay
                       who answers the agent (default: replay when the config has a replay block, else scripted).
                       live: the real Messages API (ANTHROPIC_API_KEY), every run recorded to a cassette; each
                       scenario is judged on its pass^k alone, since one run of a sampled model proves nothing.
                       replay: the recorded cassettes, run by run (a changed prompt is a cassette miss)
  --record             re-record the suite: run it live, write every cassette and the baseline from those same
                       runs (nothing is compared); then faultline gate --model replay judges from them, free
  --cassettes DIR      where cassettes are written and read (default: the config's replay.cassettes, else
                       ${DEFAULT_CASSETTES} beside the config)
  --model-name NAME    the real model to ask (default: the config's replay.modelName)
  --max-tokens N, --max-cost-usd X, --price IN,OUT, --max-retries N
                       live: the hard budget over the whole suite, and 429/529 waits (see faultline run --help)
  --concurrency N      runs in flight at once (default: one worker, and another while a core is free of other processes' work,
                       up to one per core; live: ${LIVE_CONCURRENCY}, sharing the budget and rate-limit pauses)`;

type Values = { model?: string; cassettes?: string; record?: boolean; 'model-name'?: string; 'max-cost-usd'?: string; 'max-tokens'?: string; price?: string; 'max-retries'?: string };

/**
 * The model the gate runs: the flags first, then the config's `replay` block (its cassettes are
 * relative to the config file; a flag's, to the current folder). `--record` is `--model live` that
 * writes the baseline too, so the cassettes and the baseline it leaves agree run by run.
 */
export function gateModel(values: Values, config: Config, scenarios: Map<string, Scenario>, env: NodeJS.ProcessEnv = process.env): ModelMode {
  if (values.record && values.model !== undefined && values.model !== 'live') {
    throw new UsageError(`--record runs the suite live to record it: drop --model ${values.model}, or drop --record`);
  }
  const model = values.record ? 'live' : (values.model ?? (config.replay ? 'replay' : 'scripted'));
  const external = model !== 'scripted';
  const cassettes = values.cassettes ?? fromConfig(config, config.replay?.cassettes ?? DEFAULT_CASSETTES);
  const modelName = values['model-name'] ?? (external ? config.replay?.modelName : undefined);
  return modelMode({ ...values, model, cassettes, 'max-retries': values['max-retries'] ?? modelOptions['max-retries'].default, ...(modelName ? { 'model-name': modelName } : {}) }, scenarios.values(), env);
}

/** How the gate's first line names the model. */
export function modelText(mode: ModelMode, record: boolean): string {
  if (mode.kind === 'replay') return ' (replaying recorded cassettes)';
  if (mode.kind === 'scripted') return '';
  return record ? ` (live model, recording every cassette to ${mode.cassettes}/ and the baseline)` : ' (live model, judged on pass^k)';
}

/** The command that judges from the cassettes just recorded: plain `faultline gate` when the config's replay block names them. */
export function replayGate(mode: ModelMode, config: Config, configArg: string): string {
  const configFlag = configArg === 'faultline.config.ts' ? '' : ` --config ${configArg}`;
  if (mode.kind !== 'live') return `npx faultline gate${configFlag}`;
  const fromBlock = config.replay && fromConfig(config, config.replay.cassettes) === mode.cassettes && config.replay.modelName === mode.modelName;
  return `npx faultline gate${configFlag}${fromBlock ? '' : ` --model replay${modeFlags(mode)}`}`;
}

/**
 * After `--record`: without a replay block, a plain `faultline gate` (as CI runs it) would judge the
 * scripted models against a baseline of the real one. Says what to add, or nothing when it is there.
 */
export function replayBlockNote(mode: ModelMode, config: Config, configArg: string): string | undefined {
  if (mode.kind !== 'live' || config.replay) return undefined;
  const cassettes = relative(dirname(config.file), mode.cassettes).split(sep).join('/');
  return `note: ${configArg} has no replay block, so a plain faultline gate runs the scripted models against this baseline; add replay: { cassettes: '${cassettes}'${mode.modelName ? `, modelName: '${mode.modelName}'` : ''} } to it`;
}
