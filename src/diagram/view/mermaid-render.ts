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
 * - A page render of a text with a prerendered SVG (prerender.ts) uses it and leaves Mermaid
 *   unloaded, so the default page never runs Mermaid while it loads. Mermaid is then warmed
 *   up (imported, its sequence parser loaded) at the first pointer or key press, or when the
 *   page has been idle for a while, so the first live render does not wait for the download.
 */
import type { MermaidConfig } from 'mermaid';
import { findPrerendered } from './prerender';

type Mermaid = typeof import('mermaid').default;

const EXPORT_FONT = 'Arial, Helvetica, "Liberation Sans", sans-serif';

export const PAGE_CONFIG: MermaidConfig = {
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
  return enqueue(async () => {
    const id = `mmd-${++seq}`;
    if (purpose === 'page') {
      const start = performance.now();
      const svg = await findPrerendered(text, id);
      if (svg !== null) {
        performance.measure('mermaid-render prerendered', { start, detail: { chars: text.length } });
        warmUpLater();
        return svg;
      }
    }
    return live(text, purpose, id);
  });
}

/** Render with Mermaid itself, never a prerender (`npm run prerender` draws the prerenders with it). */
export function renderMermaidLive(text: string, purpose: 'page' | 'export' = 'page', id = `mmd-${++seq}`): Promise<string> {
  return enqueue(() => live(text, purpose, id));
}

function enqueue<T>(work: () => Promise<T>): Promise<T> {
  const job = queue.then(work);
  queue = job.catch(() => undefined);
  return job;
}

async function live(text: string, purpose: 'page' | 'export', id: string): Promise<string> {
  const mermaid = await loadMermaid();
  mermaid.initialize(purpose === 'export' ? EXPORT_CONFIG : PAGE_CONFIG);
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
}

// ---- warm-up ---------------------------------------------------------------------------------

/** Past the load window (Lighthouse and a reading learner alike): then an idle moment warms up. */
const WARM_UP_IDLE_AFTER_MS = 10_000;
const WARM_UP_TEXT = 'sequenceDiagram\n  a->>b: x\n';
let warmUpArmed = false;
let warming: Promise<void> | null = null;

/** Import Mermaid and load its sequence parser (no layout, no DOM), once. */
export function warmUpMermaid(): Promise<void> {
  return (warming ??= enqueue(async () => {
    const mermaid = await loadMermaid();
    mermaid.initialize(PAGE_CONFIG);
    await mermaid.parse(WARM_UP_TEXT);
  }).catch(() => undefined)); // a warm-up that fails changes nothing: the render will say why
}

/** After a prerender was shown: warm Mermaid up at the first press, or when idle long after load. */
function warmUpLater(): void {
  if (warmUpArmed || loading) return;
  warmUpArmed = true;
  const events = ['pointerdown', 'keydown'] as const;
  const go = () => {
    for (const e of events) window.removeEventListener(e, go, true);
    clearTimeout(timer);
    void warmUpMermaid();
  };
  for (const e of events) window.addEventListener(e, go, { capture: true, passive: true });
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 5000 });
    else go();
  }, WARM_UP_IDLE_AFTER_MS);
}
