import type { AgentErrorKind } from '../history.ts';
import { portablePaths } from '../portable-paths.ts';

/** What the run in progress wants to hear of the agent's process-level misbehaviour. */
export type RunHooks = {
  /** The agent ended the run by force: it exited, or let an exception or rejection escape it. */
  fault(kind: AgentErrorKind, message: string): void;
  /** The agent tried to reach outside the simulated world (sandbox.ts): recorded, never sent. */
  blocked(method: string, target: string): void;
};

let current: RunHooks | null = null;

/** Runs in one process are sequential: `hooks` hear what agent code does until the returned function is called. */
export function enterRun(hooks: RunHooks): () => void {
  current = hooks;
  return () => {
    if (current === hooks) current = null;
  };
}

/** The hooks of the run in progress, if any. */
export const currentRun = (): RunHooks | null => current;

/** Thrown into agent code that calls `process.exit`, so the code after the call never runs. */
class AgentExit extends Error {
  constructor(code: unknown) {
    super(`process.exit(${code === undefined ? '' : String(code)}) called by the agent`);
  }
}

/**
 * Keeps a worker alive through what an agent can do to its process: `process.exit`, `abort` and a
 * signal sent to itself become the run's fault; an exception or rejection no one handles becomes
 * the run's fault instead of the worker's death. Outside a run (an agent's leftover callback after
 * its run was judged) they are printed and dropped: there is no run left to blame.
 */
export function containAgentFaults(): void {
  const fault = (kind: AgentErrorKind, message: string) => {
    if (current) current.fault(kind, message);
    else if (kind === 'uncaught') process.stderr.write(`[faultline] outside any run (a callback left behind by an agent?), dropped: ${message}\n`);
  };
  process.exit = ((code?: unknown) => {
    const exit = new AgentExit(code);
    fault('exit', exit.message);
    throw exit;
  }) as typeof process.exit;
  process.abort = () => {
    fault('exit', 'process.abort() called by the agent');
    throw new AgentExit('abort');
  };
  const kill = process.kill.bind(process);
  process.kill = (pid: number, signal?: string | number) => {
    // Node takes the pid as text too; signal 0 only asks whether the process is alive.
    const target = Number(pid);
    const own = [process.pid, process.ppid, 0, -process.pid, -1].includes(target);
    if (!own || signal === 0 || signal === '0') return kill(pid, signal);
    fault('exit', `process.kill(${pid}, ${JSON.stringify(signal ?? 'SIGTERM')}) called by the agent on faultline's own process`);
    throw new AgentExit(signal ?? 'SIGTERM');
  };
  process.on('uncaughtException', (error) => fault('uncaught', `uncaught exception: ${firstLines(error)}`));
  process.on('unhandledRejection', (reason) => fault('uncaught', `unhandled rejection: ${firstLines(reason)}`));
}

/** An error's first three lines, on one line: enough to find where it came from. */
export function firstLines(error: unknown): string {
  if (error instanceof AgentExit) return error.message;
  return portablePaths(
    String((error as Error)?.stack ?? error)
      .split('\n')
      .slice(0, 3)
      .join(' | '),
  );
}
