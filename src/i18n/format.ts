/**
 * Number and list formatting that the English and the Chinese templates share: the numbers a
 * sentence shows must read the same in both languages (a golden file pins each).
 */
import type { Params } from '../sim/trace';

/** Milliseconds as seconds, one decimal at most: 1250 -> `1.3`. */
export function secs(ms: unknown): string {
  return String(Math.round(Number(ms) / 100) / 10);
}

/** A param as text, `?` when the event did not carry it (a diagram note never says "undefined"). */
export function orUnknown(v: unknown): string {
  return v === undefined ? '?' : String(v);
}

/** `1 PUBLISH, 1 PUBREL` from a resumed session's counts, only the non-zero ones; undefined when both are zero. */
export function resendCounts(p: Params, separator: string): string | undefined {
  const parts = [p.publishes ? `${orUnknown(p.publishes)} PUBLISH` : '', p.pubrels ? `${orUnknown(p.pubrels)} PUBREL` : ''].filter(Boolean);
  return parts.length ? parts.join(separator) : undefined;
}
