import { hash } from 'node:crypto';
import { HEADER, HISTORY_FORMAT, HistoryFormatError, HistoryReader, HistoryWriter } from './history-format.ts';

export { HISTORY_FORMAT, HistoryFormatError } from './history-format.ts';

/** How a tool operation ended, as the client saw it (Jepsen's vocabulary). */
export type Outcome = 'ok' | 'fail' | 'info';

/** Every event of one run. `t` is virtual milliseconds since the run started. */
export type HistoryEvent = { t: number } & (
  | { type: 'run-start'; scenario: string; agent: string; seed: number; trial: number }
  | { type: 'model-request'; n: number; stream: boolean; body: unknown }
  | { type: 'model-response'; n: number; status: number; id?: string; stopReason?: string | null; content?: unknown; usage?: Usage; error?: string }
  | { type: 'tool-request'; id: string; service: string; route: string; method: string; url: string; principal: string; idempotencyKey: string | null; body: unknown }
  | { type: 'tool-complete'; id: string; outcome: Outcome; status: number | null; body?: unknown }
  | { type: 'commit'; id: string; service: string; kind: string; effect: Record<string, unknown> }
  | { type: 'fault'; fault: string; target: string; detail: string }
  | { type: 'confirmation'; tool: string; input: unknown; summary: string; approved: boolean }
  | { type: 'unhandled-request'; method: string; url: string }
  | { type: 'agent-reply'; text: string; stopReason: string | null }
  | { type: 'agent-error'; kind: AgentErrorKind; message: string }
  /** A live run cut short by the suite's budget, or a replay whose agent left its recording: nothing can be judged. */
  | { type: 'run-stopped'; reason: 'budget' | 'cassette-miss'; message: string }
  /** A simulated service the scenario brought failed (its handler threw, or answered outside its response schema): the run is the service's error, judged by nothing. */
  | { type: 'service-error'; service: string; route: string; message: string }
  /** What happened at a service's MCP server besides tool calls (which are tool-request events): a session opened or expired, a client's cancellation, a changed tool list announced. */
  | { type: 'mcp'; service: string; session: string; event: 'initialize' | 'cancelled' | 'session-expired'; detail: string }
);

/**
 * How an agent's run ended without a reply. `exit`: it called process.exit, abort or killed its own
 * process; `uncaught`: an exception or rejection escaped it; `bad-reply`: it resolved to something
 * that is not `{ text }`; `lost`: the run ended outside the runner (its worker died, or faultline
 * could not run it), so nothing was judged.
 */
export type AgentErrorKind = 'threw' | 'deadlock' | 'virtual-time-cap' | 'spin' | 'exit' | 'uncaught' | 'bad-reply' | 'lost';
type Usage = { input_tokens: number; output_tokens: number };
export type EventOf<K extends HistoryEvent['type']> = Extract<HistoryEvent, { type: K }>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The append-only record of one run. Secrets registered with `redact` never leave it. */
export class History {
  readonly events: HistoryEvent[] = [];
  readonly #secrets = new Set<string>();

  constructor(private readonly now: () => number) {}

  add(event: DistributiveOmit<HistoryEvent, 't'>): void {
    this.events.push({ t: this.now(), ...event } as HistoryEvent);
  }

  /** Registers a secret: every serialised form of this history replaces it with `[redacted]`. */
  redact(secret: string): void {
    if (secret.length >= 8) this.#secrets.add(secret);
  }

  /**
   * The canonical serialisation: a format line, then one JSON event per line, secrets replaced;
   * each message written once (see history-format.ts).
   */
  serialize(): string {
    const writer = new HistoryWriter();
    let text = `${[HEADER, ...this.events.map((e) => writer.line(e))].join('\n')}\n`;
    for (const secret of this.#secrets) text = text.split(secret).join('[redacted]');
    return text;
  }
}

export function digest(serialized: string): string {
  return hash('sha256', serialized, 'hex');
}

/** The events of one type, typed. */
export function eventsOf<K extends HistoryEvent['type']>(events: readonly HistoryEvent[], type: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.type === type);
}

/**
 * Parses a serialised history back into events (for re-checking a saved run), each model request
 * whole again. A history in another format is refused: its runs have to be recorded again.
 */
export function parseHistory(text: string): HistoryEvent[] {
  const [header, ...lines] = text.split('\n').filter(Boolean);
  let format: unknown;
  try {
    format = (JSON.parse(header ?? '{}') as { format?: unknown }).format;
  } catch {
    // not JSON: reported below as a history in no known format
  }
  if (format !== HISTORY_FORMAT)
    throw new HistoryFormatError(
      `this history is ${typeof format === 'string' ? `in format ${format}` : `in the format written before ${HISTORY_FORMAT} (no format line)`}, and this faultline reads ${HISTORY_FORMAT} only: run the scenario again to record it anew`,
    );
  const reader = new HistoryReader();
  return lines.map((line) => reader.event(line));
}
