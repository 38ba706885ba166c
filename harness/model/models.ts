import { ContractError } from './errors.ts';

/**
 * The models the real API serves, newest first, as the SDK this harness is built against names
 * them (its `Model` type). An alias (`claude-sonnet-4-5`) names the dated model after it.
 */
const KNOWN = [
  'claude-fable-5-2',
  'claude-mythos-5-2',
  'claude-haiku-5-5',
  'claude-sonnet-5-5',
  'claude-fable-5-1',
  'claude-opus-5-5',
  'claude-mythos-5-1',
  'claude-sonnet-5',
  'claude-fable-5',
  'claude-mythos-5',
  'claude-opus-5',
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-mythos-preview',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
  'claude-haiku-4-5-20251001',
  'claude-opus-4-5',
  'claude-opus-4-5-20251101',
  'claude-sonnet-4-5',
  'claude-sonnet-4-5-20250929',
];

// The known ids without an alias's dated twin: the list every run's catalogue starts from (worked out once, not per run).
const DATED = KNOWN.filter((id) => !KNOWN.some((other) => other.startsWith(`${id}-`) && /-\d{8}$/.test(other)));

const LINES = new Set(['haiku', 'sonnet', 'opus', 'fable', 'mythos']);

/** One model as `GET /v1/models` describes it (the SDK's `ModelInfo`). */
type ModelInfo = ReturnType<typeof modelInfo>;

/** What one run's API serves: the real models plus any the scenario's scripted model is named (its names may be fictional). */
export class ModelCatalogue {
  readonly #ids: string[];

  constructor(extra: readonly string[] = []) {
    this.#ids = [...new Set([...extra, ...DATED])];
  }

  /** The model a request's `model` names, or the real API's 404 (`model: <name>`). */
  resolve(name: string): string {
    if (this.#ids.includes(name)) return name;
    const dated = KNOWN.includes(name) ? this.#ids.find((id) => id.startsWith(`${name}-`) && /-\d{8}$/.test(id)) : undefined;
    if (dated) return dated;
    throw new ContractError(404, `model: ${name}`);
  }

  retrieve(name: string): ModelInfo {
    return modelInfo(this.resolve(name));
  }

  /** A page of the list, as the API pages it: `limit` (1 to 1000, default 20) after `after_id` or before `before_id`. */
  list(query: URLSearchParams): { data: ModelInfo[]; has_more: boolean; first_id: string | null; last_id: string | null } {
    const limit = query.has('limit') ? Number(query.get('limit')) : 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ContractError(400, 'limit: Input should be less than or equal to 1000 and greater than or equal to 1');
    const after = query.get('after_id');
    const before = query.get('before_id');
    let from = 0;
    let to = this.#ids.length;
    if (after !== null) from = this.#ids.indexOf(this.resolve(after)) + 1;
    if (before !== null) to = this.#ids.indexOf(this.resolve(before));
    // Paging backwards (before_id) takes the `limit` models just before it.
    const slice = before !== null && after === null ? this.#ids.slice(Math.max(from, to - limit), to) : this.#ids.slice(from, Math.min(to, from + limit));
    const more = before !== null && after === null ? to - limit > from : from + limit < to;
    return { data: slice.map(modelInfo), has_more: more, first_id: slice[0] ?? null, last_id: slice.at(-1) ?? null };
  }
}

function modelInfo(id: string) {
  const words = id
    .replace(/^claude-/, '')
    .replace(/-\d{8}$/, '')
    .split('-');
  const line = words[0] as string;
  const name = words
    .map((w) => (/^\d+$/.test(w) ? w : w[0]?.toUpperCase() + w.slice(1)))
    .join(' ')
    .replace(/(\d) (\d)/g, '$1.$2');
  return {
    type: 'model' as const,
    id,
    display_name: `Claude ${name}`,
    // The release dates are not the simulation's to know; the API documents the epoch for an unknown one.
    created_at: '1970-01-01T00:00:00Z',
    lifecycle: 'active' as const,
    deprecated_at: null,
    retires_at: null,
    line: LINES.has(line) ? line : null,
    max_input_tokens: null,
    max_tokens: null,
    capabilities: null,
  };
}
