import { UsageError } from '../errors.ts';
import { listCommand } from './list.ts';
import { runCommand } from './run.ts';

const commands: Record<string, (argv: string[]) => Promise<number>> = { run: runCommand, list: listCommand };

const help = `faultline — fault injection and evaluation for tool-using LLM agents

Usage: faultline <command> [options]    (faultline <command> --help for each)

  run     run scenarios against agents in the simulated world; writes results.json and histories
  list    list scenarios, faults, checkers, personas and agents`;

/** Runs the CLI; returns the exit code (0 all held, 1 a check failed, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return (console.log(help), name ? 0 : 2);
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}`);
    return await command(rest);
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!usage) throw error;
    console.error((error as Error).message.startsWith('[faultline]') ? (error as Error).message : `[faultline] ${name}: ${(error as Error).message}. See faultline ${name} --help`);
    return 2;
  }
}
