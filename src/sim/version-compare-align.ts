/**
 * Align two sequences of keys: the longest common subsequence, as pairs of positions. The
 * versions view lines the packets of a 3.1.1 run up with those of the same scenario in 5.0;
 * what is left unpaired on either side is a packet only that run sent.
 *
 * Rules this file keeps:
 * - Exact where it matters: the common head and tail are paired first, the rest by Myers'
 *   O((N+M)·D) shortest edit script (D = packets not in common), which is an LCS.
 * - Bounded: past MAX_EDITS differences the middle is paired greedily (the nearest equal key
 *   ahead on either side) and the result says so (`exact: false`); a view must not hang on two
 *   runs that went their separate ways early (random loss after a first difference).
 */

export interface Alignment {
  /** Pairs [i in a, j in b] of equal keys, increasing in both. */
  pairs: [number, number][];
  /** false: the middle was too different for an exact LCS and was paired greedily. */
  exact: boolean;
}

/** Beyond this many unpaired items the alignment is greedy (Myers keeps D² numbers). */
export const MAX_EDITS = 1500;
/** How far ahead the greedy pairing looks for an equal key. */
const LOOKAHEAD = 64;

export function align(a: readonly string[], b: readonly string[], maxEdits = MAX_EDITS): Alignment {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const pairs: [number, number][] = [];
  for (let i = 0; i < head; i++) pairs.push([i, i]);
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const mid = myers(midA, midB, maxEdits);
  const exact = mid !== null;
  for (const [i, j] of mid ?? greedy(midA, midB)) pairs.push([i + head, j + head]);
  for (let k = tail; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return { pairs, exact };
}

/** Myers' greedy LCS (1986), keeping each round's frontier to trace the path back; null past `maxEdits`. */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): [number, number][] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const history: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    history.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(history, a, b, d, k);
    }
  }
  return null;
}

/** Walk the frontiers back from (n, m) on diagonal k after d edits, collecting the snakes' pairs. */
function backtrack(history: Int32Array[], a: readonly string[], b: readonly string[], dEnd: number, kEnd: number): [number, number][] {
  const out: [number, number][] = [];
  let x = a.length;
  let y = b.length;
  let k = kEnd;
  for (let d = dEnd; d >= 0; d--) {
    // history[d] holds v[-d-1 .. d+1] as it was when round d began (that is, after round d-1).
    const before = history[d];
    const at = (kk: number) => before[kk + d + 1];
    let prevK: number;
    let startX: number;
    if (d === 0) { prevK = 0; startX = 0; } else {
      prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
      const prevX = at(prevK);
      startX = prevK === k + 1 ? prevX : prevX + 1;
    }
    const startY = startX - k;
    while (x > startX && y > startY) { x--; y--; out.push([x, y]); }
    if (d === 0) break;
    x = at(prevK);
    y = x - prevK;
    k = prevK;
  }
  return out.reverse();
}

/** Pair equal keys walking forward, skipping to the nearest equal key within LOOKAHEAD on either side. */
function greedy(a: readonly string[], b: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push([i++, j++]); continue; }
    let skipB = -1;
    for (let s = 1; s <= LOOKAHEAD && j + s < b.length; s++) if (b[j + s] === a[i]) { skipB = s; break; }
    let skipA = -1;
    for (let s = 1; s <= LOOKAHEAD && i + s < a.length; s++) if (a[i + s] === b[j]) { skipA = s; break; }
    if (skipB < 0 && skipA < 0) { i++; j++; } else if (skipA < 0 || (skipB >= 0 && skipB <= skipA)) j += skipB; else i += skipA;
  }
  return out;
}
