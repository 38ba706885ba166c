import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { REDACTED, redactDeep, redactText } from '../../reports/redact.ts';
import { writeAtomic } from '../cli/files.ts';
import { UsageError } from '../errors.ts';
import type { UpstreamCall, UpstreamReply } from './upstream.ts';

export const CASSETTE_FORMAT = 'faultline.cassette/1' as const;

/** Only these response headers are kept: enough to replay, nothing that could carry a credential. */
const KEPT_HEADERS = ['content-type', 'request-id', 'retry-after', 'anthropic-ratelimit-requests-remaining'];

const answered = z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string(), durationMs: z.number().min(0) }).strict();
// A request still unanswered when the run ended (the agent gave up on it): replay never answers it either.
const unanswered = z.object({ unanswered: z.literal(true), durationMs: z.number().min(0) }).strict();

const interaction = z
  .object({
    request: z.object({ method: z.string(), path: z.string(), body: z.unknown() }).strict(),
    response: z.union([answered, unanswered]),
  })
  .strict();

const cassetteSchema = z
  .object({
    format: z.literal(CASSETTE_FORMAT),
    scenario: z.string(),
    agent: z.string(),
    seed: z.number().int(),
    trial: z.number().int(),
    recordedAt: z.string(),
    interactions: z.array(interaction),
  })
  .strict();

type Interaction = z.infer<typeof interaction>;
export type RecordedRequest = Interaction['request'];
export type RecordedResponse = Interaction['response'];
export type Cassette = z.infer<typeof cassetteSchema>;
export type CassetteKey = { scenario: string; agent: string; seed: number; trial: number };

/**
 * Where one run's cassette lives: `<dir>/<scenario>/<agent>/seed-<s>[-trial-<t>].json`. An agent
 * given as a path is named by the whole path (`./agents/mine.ts` → `agents_mine.ts`), so two files
 * of one name, or a file named like a bundled runtime, never share a cassette.
 */
export function cassettePath(dir: string, { scenario, agent, seed, trial }: CassetteKey): string {
  const agentName = agent.replace(/^(\.\.?[\\/])+/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  return join(dir, scenario, agentName, `seed-${seed}${trial > 1 ? `-trial-${trial}` : ''}.json`);
}

/** `text` with the run's known secrets replaced by value, whatever their shape. */
const withoutKnown = (text: string, secrets: readonly string[]) => secrets.filter((s) => s.length >= 8).reduce((t, secret) => t.split(secret).join(REDACTED), text);

/** A request body as it is stored and compared: parsed JSON, secrets replaced by value and by shape. */
export function storedBody(text: string, secrets: readonly string[]): unknown {
  const stripped = withoutKnown(text, secrets);
  try {
    return redactDeep(JSON.parse(stripped));
  } catch {
    return redactText(stripped);
  }
}

/** A request as recorded. */
export function recordedRequest(request: Omit<UpstreamCall, 'headers'>, secrets: readonly string[]): RecordedRequest {
  return { method: request.method, path: request.path, body: storedBody(request.body, secrets) };
}

/** An answer as recorded: headers filtered, the body stripped of secrets. */
export function recordedResponse(response: UpstreamReply, durationMs: number, secrets: readonly string[]): RecordedResponse {
  return { status: response.status, headers: keptHeaders(response.headers), body: redactText(withoutKnown(response.body, secrets)), durationMs: Math.round(durationMs) };
}

/** The response headers worth passing on: the body is already decoded, so its encoding and length are not. */
export function keptHeaders(headers: Headers): Record<string, string> {
  return Object.fromEntries(KEPT_HEADERS.flatMap((name) => (headers.has(name) ? [[name, headers.get(name) as string]] : [])));
}

export function writeCassette(path: string, cassette: Cassette): void {
  writeAtomic(path, `${JSON.stringify(cassette, null, 2)}\n`);
}

/** Reads a cassette; a missing, unparsable or foreign file is bad input naming the file and the fix. */
export function readCassette(path: string, rerecord: string): Cassette {
  if (!existsSync(path)) throw new UsageError(`${path}: no cassette recorded for this run. Record it with: ${rerecord}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path}: not JSON (${(error as Error).message}). Record it again with: ${rerecord}`);
  }
  const format = (raw as { format?: unknown })?.format;
  if (format !== CASSETTE_FORMAT) throw new UsageError(`${path}: format is ${JSON.stringify(format)}, expected "${CASSETTE_FORMAT}". Record it again with: ${rerecord}`);
  const parsed = cassetteSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${path}: field ${issue?.path.join('.') || '(root)'}: ${issue?.message}. Record it again with: ${rerecord}`);
  }
  return parsed.data;
}
