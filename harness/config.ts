import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { z } from 'zod';
import { timerMs } from './timer-ms.ts';
import { UsageError } from './errors.ts';
import { importUserModule } from './modules.ts';

const configSchema = z
  .object({
    /** A bundled runtime (naive, hardened, sdk-tool-runner, ai-sdk, langchain, mcp-agent) or the path (relative to the config file) of a module whose default export is an Agent. */
    agent: z.string().min(1),
    /** Scenario ids or scenario files (relative to the config file); 'all' is the whole built-in catalogue. */
    scenarios: z
      .union([z.literal('all'), z.array(z.string().min(1))])
      // An empty suite runs nothing, and a gate over nothing passes any agent.
      .refine((s) => s === 'all' || s.length > 0, "lists no scenario, so the gate would run nothing and pass; give scenario ids or files, or 'all'")
      .default('all'),
    /** A team's own simulated services (`defineService` modules, relative to the config file) its scenario files may name. */
    services: z.array(z.string().min(1)).default([]),
    seeds: z.number().int().min(1).max(10_000).default(5),
    /** Runs per seed; pass^k is computed with k = trials. */
    trials: z.number().int().min(1).max(100).default(3),
    /** Where the committed baseline lives, relative to the config file. */
    baseline: z.string().min(1).default('evals/baselines/baseline.json'),
    /** The deployment's system prompt and tools, checked by `faultline lint` inside the gate. */
    lint: z
      .object({ prompt: z.string().min(1), tools: z.string().min(1) })
      .strict()
      .optional(),
    /** Wall time after which a run that blocks its worker is ended (default 20 000 ms; 900 000 with the live model, which waits on the real API). */
    wallTimeoutMs: timerMs(1).optional(),
    /**
     * The fall of pass^k the gate must be able to detect (e.g. 0.2). The gate then says, per
     * scenario, whether its seeds are enough and how many would be (`faultline gate --power`).
     */
    detect: z
      .number({ error: 'a drop of pass^k to detect: a number between 0 (exclusive) and 1, e.g. 0.2' })
      .gt(0, 'a drop of pass^k to detect must be more than 0, e.g. 0.2')
      .max(1, 'a drop of pass^k to detect is at most 1 (from 1 to 0), e.g. 0.2')
      .optional(),
    /**
     * Replay the real model's recorded answers (`faultline run --model live` records them) instead
     * of the scenarios' scripted models: a changed prompt or tool then fails the gate as a cassette
     * miss. `cassettes` is relative to the config file; `modelName` as given when recording.
     */
    replay: z
      .object({ cassettes: z.string().min(1), modelName: z.string().min(1).optional() })
      .strict()
      .optional(),
    /**
     * Failures the team accepts, each with why: a run that fails only these checks of this scenario
     * is a known failure, never a regression (it still lowers pass^k), and the reports say why.
     */
    accept: z.array(z.object({ scenario: z.string().min(1), check: z.string().min(1), reason: z.string().min(1) }).strict()).default([]),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema> & { file: string };

/** Declares a gate suite (faultline.config.ts): typed here, validated when `faultline gate` loads it. */
export const defineConfig = (config: ConfigInput): ConfigInput => config;

/** Loads and validates a config module; every problem is a UsageError naming the file and the field. */
export async function loadConfig(path: string): Promise<Config> {
  const file = resolve(path);
  if (!existsSync(file)) throw new UsageError(`--config ${path}: no such file. Create it with export default defineConfig({ agent: 'hardened' }) (see README, "faultline gate")`);
  const loaded = await importUserModule(file);
  if (loaded.problem !== undefined) throw new UsageError(`${path}: ${loaded.problem}`);
  const parsed = configSchema.safeParse(loaded.module.default);
  if (!parsed.success) throw new UsageError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(default export)'}: ${i.message}`).join('; ')}`);
  return { ...parsed.data, file };
}

/**
 * A path the config gives, as one would type it in the current folder: every path in a config is
 * relative to the config file's folder, wherever the gate is run from.
 *
 * @example fromConfig({ file: '/repo/ci/faultline.config.ts' }, 'agent.ts')   // 'ci/agent.ts' in /repo
 */
export const fromConfig = (config: Pick<Config, 'file'>, path: string): string => relative(process.cwd(), resolve(dirname(config.file), path));
