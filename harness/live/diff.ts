/**
 * Where two JSON values first differ, as a path a person can follow
 * (`messages[2].content[0].content differs: recorded "…", got "…"`), or null when they are equal.
 */
export function firstDifference(recorded: unknown, actual: unknown, path = ''): string | null {
  if (Object.is(recorded, actual)) return null;
  const here = path || '(the whole body)';
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    for (let i = 0; i < Math.min(recorded.length, actual.length); i++) {
      const inner = firstDifference(recorded[i], actual[i], `${path}[${i}]`);
      if (inner) return inner;
    }
    return recorded.length === actual.length ? null : `${here} has ${actual.length} items, the recording ${recorded.length}`;
  }
  if (isObject(recorded) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      const child = path ? `${path}.${key}` : key;
      if (!(key in actual)) return `${child} is missing (recorded ${show(recorded[key])})`;
      if (!(key in recorded)) return `${child} is new (got ${show(actual[key])}, not in the recording)`;
      const inner = firstDifference(recorded[key], actual[key], child);
      if (inner) return inner;
    }
    return null;
  }
  return `${here} differs: recorded ${show(recorded)}, got ${show(actual)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value short enough for one line of an error message. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
