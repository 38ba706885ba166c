import { eventsOf, type HistoryEvent } from '../../harness/history.ts';
import { REQUESTER } from '../../harness/world.ts';
import { clip, formatMs } from '../matrix.ts';
import { esc } from './escape.ts';

/** A lane of the sequence diagram: the user, the model, the runtime under test, each tool service, the outside network. */
export type Lane = { id: string; label: string };
type Tone = 'plain' | 'ok' | 'fail' | 'info' | 'fault' | 'commit';

/** One row of the diagram: a message between two lanes, a mark on one lane, or rows left out. */
export type Step =
  | { kind: 'arrow'; type: HistoryEvent['type']; t: number; from: string; to: string; label: string; tone: Tone; dashed?: boolean; detail: string }
  | { kind: 'mark'; type: HistoryEvent['type']; t: number; lane: string; label: string; tone: Tone; detail: string }
  | { kind: 'elided'; t: number; count: number };

/** A diagram with more rows keeps its first and last rows and says how many it left out. */
export const TIMELINE_ROWS_MAX = 180;
const HEAD_ROWS = 130;

const json = (value: unknown, max: number) => clip(JSON.stringify(value) ?? '', max);

/** The lanes and rows of a run's sequence diagram, from its history. */
export function timelineOf(events: readonly HistoryEvent[]): { lanes: Lane[]; steps: Step[] } {
  const requests = new Map(eventsOf(events, 'tool-request').map((r) => [r.id, r]));
  const services = [...new Set([...requests.values()].map((r) => r.service))];
  const lanes: Lane[] = [
    { id: 'user', label: 'user' },
    { id: 'model', label: 'model (Messages API)' },
    { id: 'runtime', label: `runtime (${eventsOf(events, 'run-start')[0]?.agent ?? 'agent'})` },
    ...services.map((s) => ({ id: `svc:${s}`, label: `${s} service` })),
    ...(events.some((e) => e.type === 'unhandled-request') ? [{ id: 'net', label: 'outside (unhandled)' }] : []),
  ];
  const laneOfTarget = (target: string) => (target.startsWith('model#') ? 'model' : requests.has(target) ? `svc:${requests.get(target)?.service}` : 'runtime');
  const steps = events.flatMap((e): Step[] => {
    switch (e.type) {
      case 'run-start':
        return [{ kind: 'arrow', type: e.type, t: e.t, from: 'user', to: 'runtime', label: 'task', tone: 'plain', detail: `task: ${clip(taskOf(events), 600)}` }];
      case 'model-request':
        return [{ kind: 'arrow', type: e.type, t: e.t, from: 'runtime', to: 'model', label: `#${e.n} request${e.stream ? ' (stream)' : ''}`, tone: 'plain', detail: `model request #${e.n}: ${requestSummary(e.body)}` }];
      case 'model-response': {
        if (e.status !== 200)
          return [{ kind: 'arrow', type: e.type, t: e.t, from: 'model', to: 'runtime', label: `#${e.n} ${e.status} ${e.error ?? ''}`.trim(), tone: 'fail', detail: `model response #${e.n}: HTTP ${e.status} ${e.error ?? ''}` }];
        const uses = toolUses(e.content);
        // A tool_use turn is named by its calls (the stop reason is in the detail), any other by its stop reason.
        const label = `#${e.n} ${uses.length && e.stopReason === 'tool_use' ? `use ${uses.join(', ')}` : (e.stopReason ?? 'reply')}`;
        return [
          { kind: 'arrow', type: e.type, t: e.t, from: 'model', to: 'runtime', label, tone: e.stopReason === 'max_tokens' ? 'info' : 'plain', detail: `model response #${e.n} (${e.stopReason ?? 'no stop reason'}): ${json(e.content, 500)}` },
        ];
      }
      case 'tool-request': {
        const as = e.principal === REQUESTER.id ? '' : ` as ${e.principal}`;
        const detail = `${e.id} ${e.method} ${e.url}\nprincipal: ${e.principal}\nidempotency-key: ${e.idempotencyKey ?? 'none'}\nbody: ${json(e.body, 400)}`;
        return [{ kind: 'arrow', type: e.type, t: e.t, from: 'runtime', to: `svc:${e.service}`, label: `${e.route} ${e.id}${as}`, tone: as ? 'fail' : 'plain', detail }];
      }
      case 'tool-complete': {
        const service = requests.get(e.id)?.service;
        const label = e.outcome === 'info' ? `${e.id} no reply (info)` : `${e.id} ${e.outcome} ${e.status ?? ''}`.trim();
        return [
          {
            kind: 'arrow',
            type: e.type,
            t: e.t,
            from: service ? `svc:${service}` : 'runtime',
            to: 'runtime',
            label,
            tone: e.outcome,
            dashed: e.outcome === 'info',
            detail: `${e.id} ended ${e.outcome}${e.status === null ? ', no reply reached the client' : `, HTTP ${e.status}`}${e.body === undefined ? '' : `\nbody: ${json(e.body, 400)}`}`,
          },
        ];
      }
      case 'commit':
        return [{ kind: 'mark', type: e.type, t: e.t, lane: `svc:${e.service}`, label: `commit ${e.kind} (${e.id})`, tone: 'commit', detail: `${e.service} committed ${e.kind} for ${e.id}: ${json(e.effect, 400)}` }];
      case 'fault':
        return [{ kind: 'mark', type: e.type, t: e.t, lane: laneOfTarget(e.target), label: `fault ${e.fault}: ${e.detail}`, tone: 'fault', detail: `fault ${e.fault} struck ${e.target}: ${e.detail}` }];
      case 'unhandled-request':
        return [{ kind: 'arrow', type: e.type, t: e.t, from: 'runtime', to: 'net', label: `${e.method} unhandled`, tone: 'fail', detail: `unhandled request (refused, never sent): ${e.method} ${e.url}` }];
      case 'agent-reply':
        return [{ kind: 'arrow', type: e.type, t: e.t, from: 'runtime', to: 'user', label: e.stopReason && e.stopReason !== 'answer' ? `reply (stopped: ${e.stopReason})` : 'reply', tone: 'ok', detail: `reply: ${clip(e.text, 600)}` }];
      case 'agent-error':
        return [{ kind: 'mark', type: e.type, t: e.t, lane: 'runtime', label: `agent ${e.kind}`, tone: 'fail', detail: `agent ${e.kind}: ${clip(e.message, 400)}` }];
      case 'run-stopped':
        return [{ kind: 'mark', type: e.type, t: e.t, lane: 'runtime', label: `run stopped: ${e.reason}`, tone: 'fail', detail: `run stopped (${e.reason}): ${clip(e.message, 400)}` }];
      case 'service-error':
        return [{ kind: 'mark', type: e.type, t: e.t, lane: `svc:${e.service}`, label: `service error (${e.route})`, tone: 'fail', detail: clip(e.message, 400) }];
      case 'mcp':
        return [{ kind: 'mark', type: e.type, t: e.t, lane: `svc:${e.service}`, label: `mcp ${e.event}`, tone: e.event === 'session-expired' ? 'fault' : 'plain', detail: `MCP ${e.event} (session ${e.session}): ${clip(e.detail, 400)}` }];
      default: {
        // An event type this diagram does not know yet still shows, as a mark on the runtime's lane.
        const other = e as { type: HistoryEvent['type']; t: number };
        return [{ kind: 'mark', type: other.type, t: other.t, lane: 'runtime', label: String(other.type), tone: 'plain', detail: json(other, 400) }];
      }
    }
  });
  return { lanes, steps: elide(steps) };
}

function elide(steps: Step[]): Step[] {
  if (steps.length <= TIMELINE_ROWS_MAX) return steps;
  const tail = TIMELINE_ROWS_MAX - HEAD_ROWS - 1;
  const cut = steps.slice(HEAD_ROWS, steps.length - tail);
  return [...steps.slice(0, HEAD_ROWS), { kind: 'elided', t: cut[0]?.t ?? 0, count: cut.length }, ...steps.slice(steps.length - tail)];
}

/** The user's task: the first user message of the first model request. */
export function taskOf(events: readonly HistoryEvent[]): string {
  const body = eventsOf(events, 'model-request')[0]?.body as { messages?: Array<{ role: string; content: unknown }> } | undefined;
  const first = body?.messages?.find((m) => m.role === 'user');
  return first ? textOf(first.content) : '';
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((b: { type?: string; text?: string; tool_use_id?: string; is_error?: boolean; content?: unknown; name?: string }) => {
      if (b.type === 'text') return b.text ?? '';
      if (b.type === 'tool_result') return `[tool_result ${b.tool_use_id}${b.is_error ? ' is_error' : ''}: ${clip(textOf(b.content) || JSON.stringify(b.content ?? ''), 80)}]`;
      if (b.type === 'tool_use') return `[tool_use ${b.name}]`;
      return `[${b.type}]`;
    })
    .join(' ');
}

function requestSummary(body: unknown): string {
  const messages = (body as { messages?: Array<{ role: string; content: unknown }> } | undefined)?.messages ?? [];
  const last = messages.at(-1);
  return `${messages.length} message(s)${last ? `; last (${last.role}): ${clip(textOf(last.content), 400)}` : ''}`;
}

function toolUses(content: unknown): string[] {
  if (!Array.isArray(content)) return [];
  const names = content.filter((b: { type?: string }) => b.type === 'tool_use').map((b: { name?: string }) => b.name ?? '?');
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${n}×${c}` : n));
}

const GUTTER = 78;
const LANE_W = 168;
const MARGIN_R = 230;
const HEAD = 44;
const ROW = 24;
const CHAR_W = 6.1;

/** Extra space before a row, growing with the log of the virtual time that passed: a 30 s wait shows, a 1 ms one barely. */
const gapPx = (ms: number) => (ms > 0 ? Math.min(36, Math.round(5 * Math.log10(1 + ms))) : 0);

/**
 * The sequence diagram as inline SVG: one lane per participant, time going down (virtual ms in the
 * gutter, longer waits drawn taller), messages as arrows (dashed: no reply), commits and faults as
 * marks on the lane where they happened (a fault's row is shaded). Hover a row for its detail.
 */
export function timelineSvg({ lanes, steps }: { lanes: Lane[]; steps: Step[] }): string {
  const x = new Map(lanes.map((l, i) => [l.id, GUTTER + LANE_W / 2 + i * LANE_W]));
  const width = GUTTER + lanes.length * LANE_W + MARGIN_R;
  const rows: string[] = [];
  let y = HEAD;
  let lastT = 0;
  let lastLabel = '';
  for (const step of steps) {
    y += ROW + gapPx(step.t - lastT);
    lastT = step.t;
    const time = formatMs(step.t);
    const timeText = time === lastLabel ? '' : `<text class="tl-t" x="4" y="${y + 4}">${esc(time)}</text>`;
    lastLabel = time;
    if (step.kind === 'elided') {
      rows.push(`<g class="tl-row tl-elided">${timeText}<text x="${GUTTER + 8}" y="${y + 4}">… ${step.count} more rows not drawn (see the history file) …</text></g>`);
      continue;
    }
    if (step.kind === 'mark') {
      const cx = x.get(step.lane) ?? GUTTER;
      const shade = step.tone === 'fault' ? `<rect class="tl-shade" x="${GUTTER}" y="${y - ROW / 2}" width="${width - GUTTER}" height="${ROW}"/>` : '';
      const label = clip(step.label, Math.floor((width - cx - 16) / CHAR_W));
      rows.push(
        `<g class="tl-row tl-mark tl-${step.tone}" data-type="${step.type}"><title>${esc(step.detail)}</title>${shade}${timeText}${markShape(step.tone, cx, y)}<text class="tl-label" x="${cx + 11}" y="${y + 4}">${esc(label)}</text></g>`,
      );
      continue;
    }
    const x1 = x.get(step.from) ?? GUTTER;
    const x2 = x.get(step.to) ?? GUTTER;
    const dir = x2 >= x1 ? 1 : -1;
    const label = clip(step.label, Math.max(8, Math.floor((Math.abs(x2 - x1) - 8) / CHAR_W)));
    const head = `${x2},${y} ${x2 - dir * 8},${y - 4} ${x2 - dir * 8},${y + 4}`;
    rows.push(
      `<g class="tl-row tl-arrow tl-${step.tone}" data-type="${step.type}"><title>${esc(step.detail)}</title>${timeText}` +
        `<line x1="${x1}" y1="${y}" x2="${x2 - dir * 8}" y2="${y}"${step.dashed ? ' stroke-dasharray="5 4"' : ''}/><polygon points="${head}"/>` +
        `<text class="tl-label" x="${(x1 + x2) / 2}" y="${y - 5}" text-anchor="middle">${esc(label)}</text></g>`,
    );
  }
  const height = y + ROW;
  const header = lanes
    .map((l) => {
      const cx = x.get(l.id) as number;
      return `<g class="tl-lane" data-lane="${esc(l.id)}"><line x1="${cx}" y1="${HEAD - 14}" x2="${cx}" y2="${height}"/><rect x="${cx - LANE_W / 2 + 6}" y="4" width="${LANE_W - 12}" height="22" rx="4"/><text x="${cx}" y="19" text-anchor="middle">${esc(clip(l.label, 26))}</text></g>`;
    })
    .join('');
  return (
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="sequence diagram of the run in virtual time">` +
    `<text class="tl-t" x="4" y="19">virtual time</text>${header}${rows.join('')}</svg>`
  );
}

function markShape(tone: Tone, cx: number, y: number): string {
  if (tone === 'fault') return `<polygon class="tl-bolt" points="${cx + 2},${y - 10} ${cx - 6},${y + 1} ${cx - 1},${y + 1} ${cx - 3},${y + 10} ${cx + 6},${y - 2} ${cx + 1},${y - 2}"/>`;
  if (tone === 'commit') return `<polygon points="${cx},${y - 7} ${cx + 7},${y} ${cx},${y + 7} ${cx - 7},${y}"/>`;
  return `<circle cx="${cx}" cy="${y}" r="6"/>`;
}
