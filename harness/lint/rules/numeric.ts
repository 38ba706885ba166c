/**
 * Which input properties hold a number. A property does when its `type` says so, or — whatever
 * its type — when it carries a numeric keyword (`minimum`, `maximum`, `exclusiveMinimum`,
 * `exclusiveMaximum`, `multipleOf`), a numeric `format` (int32, int64, float, double), a `pattern`
 * that accepts digits and no letters, a description that says integer / number of / numeric, or a
 * name that counts or measures (quantity, days, page, daily_units, timeout_ms, …). A property typed
 * boolean, object or array, or whose `enum` / `const` / `format` holds text, does not.
 * Walked: `properties` at any depth and array `items`; `anyOf` / `oneOf` / `allOf` branches are not.
 */
export type NumericProperty = { path: string; types: string[]; typed: boolean; why: string };

export function numericProperties(schema: unknown, prefix = ''): NumericProperty[] {
  const node = schema as Record<string, unknown> | undefined;
  if (!node || typeof node !== 'object') return [];
  const found: NumericProperty[] = [];
  const properties = node.properties && typeof node.properties === 'object' ? (node.properties as Record<string, unknown>) : {};
  for (const [name, property] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    const why = numericReason(name, property as Record<string, unknown>);
    if (why) {
      const types = typesOf(property as Record<string, unknown>);
      const typed = types.some((t) => t === 'integer' || t === 'number') && types.every((t) => t === 'integer' || t === 'number' || t === 'null');
      found.push({ path, types, typed, why });
    }
    found.push(...numericProperties(property, path));
  }
  if (node.items && typeof node.items === 'object') found.push(...numericProperties(node.items, `${prefix}[]`));
  return found;
}

function numericReason(name: string, p: Record<string, unknown>): string | undefined {
  if (!p || typeof p !== 'object') return undefined;
  const types = typesOf(p);
  if (types.includes('integer') || types.includes('number')) return `its type includes ${types.includes('integer') ? 'integer' : 'number'}`;
  if (types.length && types.every((t) => ['boolean', 'object', 'array', 'null'].includes(t))) return undefined;
  const values = Array.isArray(p.enum) ? p.enum : 'const' in p ? [p.const] : undefined;
  if (values) return values.length && values.every((v) => typeof v === 'number') ? 'its values are numbers' : undefined;
  const keyword = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].find((k) => k in p);
  if (keyword) return `it has ${keyword}`;
  if (typeof p.format === 'string') return /^(int32|int64|integer|float|double|decimal)$/.test(p.format) ? `its format is ${p.format}` : undefined;
  if (typeof p.pattern === 'string' && digitsOnly(p.pattern)) return `its pattern ${p.pattern} accepts only digits`;
  if (typeof p.description === 'string' && /\b(?:integer|whole number|number of|numeric)\b/i.test(p.description)) return 'its description says it is a number';
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (NUMERIC_NAME.test(snake)) return `its name, ${name}, counts or measures something`;
  return undefined;
}

function typesOf(p: Record<string, unknown>): string[] {
  return (Array.isArray(p.type) ? p.type : p.type === undefined ? [] : [p.type]).map(String);
}

/** A pattern for numbers written as text: it accepts "10" and "2300", and no letter. */
function digitsOnly(pattern: string): boolean {
  try {
    const re = new RegExp(pattern);
    return re.test('10') && re.test('2300') && !['a', 'A', 'z', 'Z', 'x1', '1x'].some((s) => re.test(s));
  } catch {
    return false;
  }
}

const NUMERIC_NAME = new RegExp(
  '^(?:count|quantity|qty|amount|total|days|hours|minutes|seconds|weeks|months|years|stores|units|limit|offset|page|per_page|price|age|percent|percentage|retries|attempts|n)$' +
    '|_(?:count|quantity|qty|amount|total|days|hours|minutes|seconds|ms|secs|units|limit|size|price|percent|pct|gb|mb|kb|bytes|cents|kg|km)$' +
    '|^(?:num|max|min)_',
);
