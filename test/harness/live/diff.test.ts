import { describe, expect, it } from 'vitest';
import { firstDifference } from '../../../harness/live/diff.ts';

describe('firstDifference', () => {
  it('is null for equal values, whatever the key order', () => {
    expect(firstDifference({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBeNull();
  });

  it('names the path of the first differing leaf, with both values', () => {
    const recorded = { messages: [{}, {}, { content: [{ content: 'old' }] }] };
    const actual = { messages: [{}, {}, { content: [{ content: 'new' }] }] };
    expect(firstDifference(recorded, actual)).toBe('messages[2].content[0].content differs: recorded "old", got "new"');
  });

  it('names a missing key, a new key and a changed length', () => {
    expect(firstDifference({ a: 1, b: 2 }, { a: 1 })).toBe('b is missing (recorded 2)');
    expect(firstDifference({ a: 1 }, { a: 1, stream: true })).toBe('stream is new (got true, not in the recording)');
    expect(firstDifference({ m: [1, 2] }, { m: [1, 2, 3] })).toBe('m has 3 items, the recording 2');
  });

  it('tells a type change and a whole-body change apart from equal-looking values', () => {
    expect(firstDifference({ n: 10 }, { n: '10' })).toBe('n differs: recorded 10, got "10"');
    expect(firstDifference('a', 'b')).toBe('(the whole body) differs: recorded "a", got "b"');
  });

  it('keeps a long value to one line', () => {
    const message = firstDifference({ s: 'x'.repeat(500) }, { s: 'y' }) as string;
    expect(message.length).toBeLessThan(200);
    expect(message).toContain('…');
  });
});
