import { describe, expect, it } from 'vitest';
import { packed, packedBodies } from '../../../reports/html/pack.ts';
import { packsOf } from '../helpers.ts';

describe('packed markup', () => {
  it('is gzip in base64 in an inert script, redacted before it is packed (the last pass cannot see inside)', () => {
    const html = packed('p', 'a <b>"x"</b> & Authorization: Bearer abcdefgh12345678');
    expect(html).toMatch(/^<script type="application\/octet-stream" id="p">[A-Za-z0-9+/]+=*<\/script>$/);
    expect(packsOf(html).get('p')).toBe('a <b>"x"</b> & Authorization: Bearer [redacted]');
  });

  it('keeps run bodies in chunks, each a JSON array starting at its data-first, in list order', () => {
    const bodies = Array.from({ length: 1_000 }, (_, i) => `<p>run ${i}</p>${'x'.repeat(i % 7 === 0 ? 5_000 : 500)}`);
    const html = packedBodies(bodies);
    const firsts = [...html.matchAll(/data-first="(\d+)"/g)].map((m) => Number(m[1]));
    expect(firsts.length).toBeGreaterThan(3);
    expect(firsts[0]).toBe(0);
    const chunks = [...packsOf(html)].map(([id, text]) => ({ first: Number(id.replace('bodies-', '')), bodies: JSON.parse(text) as string[] }));
    expect(chunks.map((c) => c.first)).toEqual(firsts);
    expect(chunks.flatMap((c) => c.bodies)).toEqual(bodies);
    for (const [i, c] of chunks.entries()) expect(c.first + c.bodies.length).toBe(chunks[i + 1]?.first ?? bodies.length);
    expect(packedBodies([])).toBe('');
  });
});
