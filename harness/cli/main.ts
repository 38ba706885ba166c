import { UsageError } from '../errors.ts';
import { interruption, Interrupted } from './interrupt.ts';

// bin/faultline.mjs takes these from this module (the interrupts share one interruption signal with main).
export { catchInterrupts } from './interrupt.ts';
export { ignoreClosedPipes } from './pipes.ts';

// Each command is loaded when it is asked for: what only some commands need (explore runs agents in
// this process, with msw and the SDK) is not paid for by every start (a bundle chunk per command).
const commands: Record<string, (argv: string[]) => Promise<number>> = {
  run: async (argv) => (await import('./run.ts')).runCommand(argv),
  report: async (argv) => (await import('./report.ts')).reportCommand(argv),
  merge: async (argv) => (await import('./merge.ts')).mergeCommand(argv),
  explore: async (argv) => (await import('./explore.ts')).exploreCommand(argv),
  init: async (argv) => (await import('./init.ts')).initCommand(argv),
  gate: async (argv) => (await import('./gate.ts')).gateCommand(argv),
  lint: async (argv) => (await import('./lint.ts')).lintCommand(argv),
  generate: async (argv) => (await import('./generate.ts')).generateCommand(argv),
  catalogue: async (argv) => (await import('./catalogue.ts')).catalogueCommand(argv),
  list: async (argv) => (await import('./list.ts')).listCommand(argv),
  capture: async (argv) => (await import('./capture.ts')).captureCommand(argv),
};

const help = `faultline — fault injection and evaluation for tool-using LLM agents

Usage: faultline <command> [options]    (faultline <command> --help for each)

  run        run scenarios against agents in the simulated world; writes results.json, histories and reports
  report     render reports (html, md, csv, junit, json) again from a saved results.json
  merge      combine the results of run --shard k/n (or of several runs) into one results.json and reports
  explore    search a scenario's fault space with fast-check; shrink and pin a counterexample
  init       scaffold faultline in your project: config, agent adapter, a scenario for one of your tools, CI workflow
  gate       run the suite faultline.config.ts declares and compare it with the committed baseline
  lint       check a system prompt and its tools (the deployment artifacts) for known mistakes
  generate   write a fault matrix of scenario files for a deployment's tools and services
  catalogue  run the built-in catalogue against the bundled runtimes; print or write its table
  list       list scenarios, faults, checkers, personas and agents
  capture    record your tool code's exchanges with your real API once, to serve as a simulated service`;

/** Runs the CLI; returns the exit code (0 all held, 1 a check failed, 2 bad input, 130/143 interrupted by SIGINT/SIGTERM). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return (console.log(help), name ? 0 : 2);
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}`);
    const code = await command(rest);
    // A signal that came while the command was writing (synchronously) is honoured once it is done.
    if (interruption.aborted) {
      const interrupted = interruption.reason as Interrupted;
      console.error(`${interrupted.message}: it came while faultline was writing, so what it wrote is whole`);
      return interrupted.exitCode;
    }
    return code;
  } catch (error) {
    if (error instanceof Interrupted) {
      console.error(`${error.message}: runs in flight were ended and no report was written; what --out held before is as it was`);
      return error.exitCode;
    }
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!usage) throw error;
    console.error((error as Error).message.startsWith('[faultline]') ? (error as Error).message : `[faultline] ${name}: ${(error as Error).message}. See faultline ${name} --help`);
    return 2;
  }
}
