/**
 * The only door to Mermaid: loads it lazily (one dynamic import, its own chunks), and runs
 * one render at a time with a fresh id (StrictMode runs effects twice; Mermaid keeps global
 * state per render). Browser-only: never import this from a Node test.
 *
 * Rules this file keeps:
 * - securityLevel 'strict' always: Mermaid sanitises labels and refuses click handlers.
 * - No fonts from the network: the page renders with the page's font (`inherit`); exports
 *   name local font families, since a standalone SVG or PNG has no page to inherit from.
 * - Exports render without HTML labels (foreignObject taints a canvas and breaks PNG).
 */
import type { MermaidConfig } from 'mermaid';

type Mermaid = typeof import('mermaid').default;

const EXPORT_FONT = 'Arial, Helvetica, "Liberation Sans", sans-serif';

const PAGE_CONFIG: MermaidConfig = {
  startOnLoad: false, securityLevel: 'strict', theme: 'default', look: 'classic', fontFamily: 'inherit',
  // One size for labels, notes and names: Mermaid copies the top-level fontSize over the sequence's own.
  fontSize: 14,
  // Design: drawn at its natural size (labels of 14 px, zoomed to fit by the page, never
  // below 12 px on screen) instead of shrunk to the box; the live view breaks labels into
  // lines itself (to-mermaid's `wrapAt`; Mermaid's `wrap` cuts words and entities apart), so
  // three participants fit a laptop's middle column. Classic look: flat boxes of the
  // configured height, no drop-shadow filters to paint.
  sequence: {
    useMaxWidth: false, mirrorActors: true, wrapPadding: 8, width: 190, height: 40, actorMargin: 30,
    diagramMarginX: 10, diagramMarginY: 10, boxMargin: 8, noteMargin: 8, messageMargin: 30,
  },
};
const EXPORT_CONFIG: MermaidConfig = {
  startOnLoad: false, securityLevel: 'strict', theme: 'default', fontFamily: EXPORT_FONT, htmlLabels: false,
  flowchart: { htmlLabels: false },
  sequence: { useMaxWidth: false, mirrorActors: true, messageFontFamily: EXPORT_FONT, noteFontFamily: EXPORT_FONT, actorFontFamily: EXPORT_FONT },
};

let loading: Promise<Mermaid> | null = null;
let queue: Promise<unknown> = Promise.resolve();
let seq = 0;

export function loadMermaid(): Promise<Mermaid> {
  return (loading ??= import('mermaid').then((m) => m.default));
}

/** Render Mermaid text to an SVG string. Calls are queued: Mermaid renders one diagram at a time. */
export function renderMermaid(text: string, purpose: 'page' | 'export' = 'page'): Promise<string> {
  const job = queue.then(async () => {
    const mermaid = await loadMermaid();
    mermaid.initialize(purpose === 'export' ? EXPORT_CONFIG : PAGE_CONFIG);
    const id = `mmd-${++seq}`;
    const start = performance.now();
    try {
      return (await mermaid.render(id, text)).svg;
    } finally {
      // Visible in the DevTools performance panel and to `npm run bench:ui`.
      performance.measure(`mermaid-render ${purpose}`, { start, detail: { chars: text.length } });
      // A failed render can leave its scratch elements in the body.
      document.getElementById(id)?.remove();
      document.getElementById(`d${id}`)?.remove();
    }
  });
  queue = job.catch(() => undefined);
  return job;
}
