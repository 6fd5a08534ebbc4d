import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arrowsRevealed, chooseWindow, DEFAULT_WINDOW, windowAround } from './window';

const S = { threshold: 300, size: 300, chunk: 100 };

const arrows = (n: number) => Array.from({ length: n }, (_, i) => i * 3 + 1); // an arrow every 3 events

describe('chooseWindow', () => {
  it('draws everything up to the threshold', () => {
    expect(chooseWindow(arrows(300), 900, 500)).toBeUndefined();
  });
  it('keeps the window stable within a chunk and moves it by chunks', () => {
    const a = arrows(1000);
    const w1 = chooseWindow(a, 3000, a[250], S);
    const w2 = chooseWindow(a, 3000, a[298], S);
    expect(w1).toEqual(w2);
    expect(w1).toEqual({ first: a[99] + 1, last: a[400] - 1 });
    expect(chooseWindow(a, 3000, a[10], S)).toEqual({ first: 0, last: a[300] - 1 });
    expect(chooseWindow(a, 3000, a[999], S)).toEqual({ first: a[699] + 1, last: 2999 });
  });
  it('always contains the cursor and at most `size` arrows', () => {
    fc.assert(fc.property(fc.integer({ min: DEFAULT_WINDOW.threshold + 1, max: 3000 }), fc.nat(), (n, c) => {
      const a = arrows(n);
      const cursor = c % (n * 3);
      const w = chooseWindow(a, n * 3, cursor)!;
      const inside = a.filter((i) => i >= w.first && i <= w.last).length;
      const { size, chunk } = DEFAULT_WINDOW;
      return w.first <= cursor && cursor <= w.last && inside <= size && inside >= size - chunk;
    }));
  });
  it('counts revealed arrows', () => {
    expect(arrowsRevealed([1, 4, 7], 0)).toBe(0);
    expect(arrowsRevealed([1, 4, 7], 4)).toBe(2);
    expect(arrowsRevealed([1, 4, 7], 99)).toBe(3);
  });
});

describe('windowAround', () => {
  const q = { before: 4, after: 2 };
  it('draws small runs whole', () => {
    expect(windowAround(arrows(12), 36, 20, q)).toBeUndefined();
  });
  it('draws `before` arrows up to the cursor and `after` past it', () => {
    const a = arrows(100);
    // Cursor on arrow 50 (index 49 revealed = 50 arrows): arrows 46..51 are drawn.
    expect(windowAround(a, 300, a[49], q)).toEqual({ first: a[45] + 1, last: a[52] - 1 });
    expect(windowAround(a, 300, -1, q)).toEqual({ first: 0, last: a[6] - 1 });
    expect(windowAround(a, 300, a[99], q)).toEqual({ first: a[93] + 1, last: 299 });
  });
  it('always contains the cursor', () => {
    fc.assert(fc.property(fc.integer({ min: 13, max: 500 }), fc.nat(), (n, c) => {
      const a = arrows(n);
      const cursor = c % (n * 3);
      const w = windowAround(a, n * 3, cursor, q)!;
      return w.first <= Math.max(0, cursor) && cursor <= w.last;
    }));
  });
});
