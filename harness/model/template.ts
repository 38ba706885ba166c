import { valueAt } from '../value-at.ts';

/** A successful call as the answer template sees it. */
export type CallRecord = { input: Record<string, unknown>; result: unknown };

/**
 * Renders an answer template. `{{tool.path}}` is a field of the last successful result of `tool`;
 * `{{#each tool}}…{{/each}}` repeats over its successful calls with `input.x` and `result.y` inside;
 * `|number` formats with thousands separators (2,300); `|fields` lists every field of an object
 * (`name: …, title: …`), as a model summarises whatever it received. `misread` maps a result field
 * that is missing to the path read instead (a worked example's framing, seed 002 case 5).
 */
export function renderTemplate(template: string, calls: Map<string, CallRecord[]>, misread: Record<string, string> = {}): string {
  const field = (result: unknown, path: string) => lookup(result, path) ?? (Object.hasOwn(misread, path) ? lookup(result, misread[path] as string) : undefined);
  const withLoops = template.replace(/\{\{#each (\w+)\}\}([\s\S]*?)\{\{\/each\}\}/g, (_, tool: string, body: string) =>
    (calls.get(tool) ?? []).map((call) => fill(body, (path) => (path.startsWith('result.') ? field(call.result, path.slice(7)) : lookup(call, path)))).join(''),
  );
  return fill(withLoops, (path) => {
    const [tool, ...rest] = path.split('.');
    const last = calls.get(tool ?? '')?.at(-1);
    return last ? field(last.result, rest.join('.')) : undefined;
  });
}

function fill(text: string, resolve: (path: string) => unknown): string {
  return text.replace(/\{\{([\w.]+)(\|number|\|fields)?\}\}/g, (_, path: string, format?: string) => {
    const value = resolve(path);
    if (value === undefined || value === null) return '(unknown)';
    if (format === '|fields' && typeof value === 'object')
      return Object.entries(value)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ');
    return format === '|number' && typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
  });
}

function lookup(root: unknown, path: string): unknown {
  if (!path) return root;
  return valueAt(root, path.split('.'));
}
