/** Settings of the live diagram that the page and `npm run prerender` (default-diagrams.ts) share. */
import type { MermaidOptions } from '../diagram/to-mermaid';

/** Characters per label line in the live view (about the room between two lifelines). */
export const LIVE_WRAP_AT = 22;

/**
 * A phone: the diagram's box is narrower than the full diagram at its smallest zoom (about
 * 690 px at 0.85), so the page draws the compact one instead. The same width as the CSS
 * phone layout in styles.css (`max-width: 639.98px`).
 */
export const PHONE_QUERY = '(max-width: 639.98px)';

/**
 * The phone's diagram: compact labels and captions on narrow boxes, three lifelines in
 * about 360 px. Labels break at 16 characters (`PUBLISH q1 id=1` stays on one line), notes
 * over one participant at 12 (its column is a third of the screen).
 */
const PHONE: MermaidOptions = { compact: true, narrow: true, wrapAt: 14, noteWrapAt: 10 };

/** The live view's options for the view's display options (`base`), on a phone or not. */
export function liveDiagramOptions(base: MermaidOptions, phone: boolean): MermaidOptions {
  return phone ? { ...base, ...PHONE } : { ...base, wrapAt: LIVE_WRAP_AT };
}
