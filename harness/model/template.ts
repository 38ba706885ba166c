/** A successful call as the answer template sees it. */
export type CallRecord = { input: Record<string, unknown>; result: unknown };

/**
 * Renders an answer template. `{{tool.path}}` is a field of the last successful result of `tool`;
 * `{{#each tool}}…{{/each}}` repeats over its successful calls with `input.x` and `result.y` inside;
 * `|number` formats with thousands separators (2,300).
 */
export function renderTemplate(template: string, calls: Map<string, CallRecord[]>): string {
  const withLoops = template.replace(/\{\{#each (\w+)\}\}([\s\S]*?)\{\{\/each\}\}/g, (_, tool: string, body: string) =>
    (calls.get(tool) ?? []).map((call) => fill(body, (path) => lookup(call, path))).join(''),
  );
  return fill(withLoops, (path) => {
    const [tool, ...rest] = path.split('.');
    const last = calls.get(tool ?? '')?.at(-1);
    return last ? lookup(last.result, rest.join('.')) : undefined;
  });
}

function fill(text: string, resolve: (path: string) => unknown): string {
  return text.replace(/\{\{([\w.]+)(\|number)?\}\}/g, (_, path: string, format?: string) => {
    const value = resolve(path);
    if (value === undefined || value === null) return '(unknown)';
    return format && typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
  });
}

function lookup(root: unknown, path: string): unknown {
  if (!path) return root;
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);
}
