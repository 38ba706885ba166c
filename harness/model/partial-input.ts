/** What a value cut after some characters of its JSON still says, and how much of the JSON it took. */
type Cut = { value: unknown; complete: boolean; used: number };

/**
 * The input a client reads from a tool call that max_tokens cut after `chars` characters of its
 * JSON: what the SDK's stream accumulator makes of the partial JSON (a string or key cut short is
 * left out, so is a number or literal that may still have been going on; open objects and arrays
 * are closed). A JSON reply carries the same, so streamed and JSON clients see one input.
 */
export function partialInput(input: unknown, chars: number): unknown {
  return cut(input, chars).value ?? {};
}

function cut(value: unknown, budget: number): Cut {
  if (Array.isArray(value)) return cutArray(value, budget);
  if (value !== null && typeof value === 'object') return cutObject(value as Record<string, unknown>, budget);
  const text = JSON.stringify(value);
  // A number only ends where something follows it; a string or a literal where its last character arrives.
  const whole = typeof value === 'number' ? budget > text.length : budget >= text.length;
  return { value: whole ? value : undefined, complete: budget >= text.length, used: Math.min(budget, text.length) };
}

function cutArray(items: unknown[], budget: number): Cut {
  if (budget < 1) return { value: undefined, complete: false, used: 0 };
  const out: unknown[] = [];
  let used = 1;
  for (const [i, item] of items.entries()) {
    if (i > 0 && used++ >= budget) return { value: out, complete: false, used: budget };
    const part = cut(item, budget - used);
    used += part.used;
    if (part.value !== undefined) out.push(part.value);
    if (!part.complete) return { value: out, complete: false, used };
  }
  return used < budget ? { value: out, complete: true, used: used + 1 } : { value: out, complete: false, used };
}

function cutObject(record: Record<string, unknown>, budget: number): Cut {
  if (budget < 1) return { value: undefined, complete: false, used: 0 };
  const out: Record<string, unknown> = {};
  let used = 1;
  for (const [i, [key, item]] of Object.entries(record).entries()) {
    if (i > 0 && used++ >= budget) return { value: out, complete: false, used: budget };
    // The key and its colon; a key with no value after it yet is left out.
    const head = JSON.stringify(key).length + 1;
    if (budget - used <= head) return { value: out, complete: false, used: budget };
    used += head;
    const part = cut(item, budget - used);
    used += part.used;
    // Defined, not assigned: a `__proto__` key is data here, as JSON.parse makes it.
    if (part.value !== undefined) Object.defineProperty(out, key, { value: part.value, enumerable: true, writable: true, configurable: true });
    if (!part.complete) return { value: out, complete: false, used };
  }
  return used < budget ? { value: out, complete: true, used: used + 1 } : { value: out, complete: false, used };
}
