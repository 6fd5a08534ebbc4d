/**
 * The live view's window on long runs. Mermaid's layout costs ~2 ms per message, so past a
 * few hundred arrows the page draws only the arrows around the cursor (the export always
 * draws everything). The window moves in chunks, so stepping re-renders once per chunk.
 */
import type { EventRange } from './to-mermaid';

export interface WindowSettings {
  /** Draw everything up to this many arrows. */
  threshold: number;
  /** Arrows in a window. */
  size: number;
  /** The window moves by this many arrows; the cursor stays at least one chunk from its start. */
  chunk: number;
}

// Design: Mermaid 12 costs ~40 ms + ~0.6 ms per arrow (with its notes), so 240 arrows keep a
// window render near the 200 ms the main thread may be blocked for.
export const DEFAULT_WINDOW: WindowSettings = { threshold: 300, size: 240, chunk: 80 };

/** Arrows revealed at `cursor`: how many arrow events are at or before it. */
export function arrowsRevealed(arrowEvents: readonly number[], cursor: number): number {
  let lo = 0;
  let hi = arrowEvents.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arrowEvents[mid] <= cursor) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The event range to draw, or undefined to draw the whole run. */
export function chooseWindow(arrowEvents: readonly number[], eventCount: number, cursor: number,
  s: WindowSettings = DEFAULT_WINDOW): EventRange | undefined {
  const total = arrowEvents.length;
  if (total <= s.threshold) return undefined;
  const revealed = arrowsRevealed(arrowEvents, cursor);
  const start = Math.max(0, Math.min(Math.floor(revealed / s.chunk) * s.chunk - s.chunk, total - s.size));
  const end = Math.min(total, start + s.size);
  return {
    first: start === 0 ? 0 : arrowEvents[start - 1] + 1,
    last: end >= total ? eventCount - 1 : arrowEvents[end] - 1,
  };
}

/** The first, quick render after the run changed: a few arrows each side of the cursor. */
export interface QuickWindow {
  /** Arrows drawn before the cursor (what the learner is looking at). */
  before: number;
  /** Arrows drawn after it (the next steps). */
  after: number;
}

// Design: ~20 arrows fill the visible part of the panel and render in a tenth of the whole
// run's time; the whole run follows in an idle callback and is swapped in without a jump.
export const QUICK_WINDOW: QuickWindow = { before: 14, after: 6 };

/** The event range of a quick render around `cursor`, or undefined when the run is small enough to draw at once. */
export function windowAround(arrowEvents: readonly number[], eventCount: number, cursor: number,
  q: QuickWindow = QUICK_WINDOW): EventRange | undefined {
  const total = arrowEvents.length;
  if (total <= 2 * (q.before + q.after)) return undefined;
  const revealed = arrowsRevealed(arrowEvents, cursor);
  const start = Math.max(0, Math.min(revealed - q.before, total - q.before - q.after));
  const end = Math.min(total, start + q.before + q.after);
  return {
    first: start === 0 ? 0 : arrowEvents[start - 1] + 1,
    last: end >= total ? eventCount - 1 : arrowEvents[end] - 1,
  };
}
