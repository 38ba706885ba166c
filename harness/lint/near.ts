/**
 * The registered name a mistyped one was meant to be: equal but for case and separators, or a few
 * edits away (a swap of two neighbours counts as one edit, so lookup_prodcut → lookup_product).
 * Far names get no suggestion: fetch_vendor_pricing_v2 is not a misspelt lookup_product.
 */
export function nearest(name: string, known: string[]): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const allowed = (k: string) => Math.max(2, Math.floor(Math.max(k.length, name.length) / 4));
  const scored = known.map((k) => [k, plain(k) === plain(name) ? 0 : editDistance(k, name)] as const).filter(([k, d]) => d <= allowed(k));
  return scored.sort((a, b) => a[1] - b[1])[0]?.[0];
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
