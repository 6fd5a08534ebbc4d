/**
 * Prerendered diagrams: Mermaid's SVG for a few known texts (the default page's diagram, in
 * each language, wide and on a phone), rendered once by `npm run prerender` in Chromium with
 * the page's own Mermaid settings and committed in prerendered/. Mermaid's output for a text
 * is deterministic, so the page can show that SVG without loading Mermaid (1.4 s of main
 * thread on a throttled phone), and load Mermaid only for a text that has no prerender.
 *
 * Rules this file keeps:
 * - Exact or nothing: the lookup is by a hash of the text, then the whole stored text is
 *   compared; anything else is rendered live.
 * - Same metrics or nothing: Mermaid lays labels out by measuring them in the page's font.
 *   A prerender is used only when this browser measures the text's characters in the page's
 *   font as the prerendering browser did (`fontProbe`); other fonts get a live render.
 * - The SVGs are lazy chunks, never in the page's first JavaScript.
 * - Each use gets a fresh render id (Mermaid scopes the SVG's styles and markers by it).
 * Browser-only at run time; Node tests may import it (it does not load Mermaid).
 */
import { PRERENDERED } from './prerendered';

/** The render id the stored SVGs were drawn with; replaced by a fresh id on each use. */
export const PRERENDER_ID = 'mmd-prerendered';

export interface PrerenderEntry {
  /** File stem in prerendered/ (`default-en`). */
  name: string;
  /** `fontProbe(text)` in the prerendering browser. */
  probe: number;
  load: () => Promise<{ default: { text: string; svg: string } }>;
}

export interface PrerenderManifest {
  /** The Mermaid version that drew the SVGs. */
  mermaid: string;
  /** `textHash` of the page's Mermaid settings (mermaid-render.ts PAGE_CONFIG) they were drawn with. */
  config: string;
  /** By `textHash` of the Mermaid text. */
  entries: Record<string, PrerenderEntry>;
}

/** A 53-bit hash of a string (cyrb53), as 14 hex digits: the lookup key of a text. */
export function textHash(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The width, in px, of the text's distinct characters set in the page's font at Mermaid's
 * label size: a fingerprint of the font metrics Mermaid's layout of this text depends on.
 */
export function fontProbe(text: string, fontSize = 14): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return NaN;
  ctx.font = `${fontSize}px ${getComputedStyle(document.body).fontFamily}`;
  const chars = [...new Set(text.replace(/\s/g, ''))].sort().join('');
  return Math.round(ctx.measureText(chars).width * 100) / 100;
}

/** Relative difference of the probe still taken as the same font (rounding, hinting). */
const PROBE_TOLERANCE = 0.002;

/**
 * The prerendered SVG of `text` with render id `id`, or null when there is none (or this
 * browser's fonts differ, or its chunk cannot be loaded): then render live.
 * Works in short tasks: the lookup, the font probe (its first measure loads the page font's
 * glyphs, tens of ms on a slow phone) and the caller's use of the SVG run in separate tasks.
 */
export async function findPrerendered(text: string, id: string, manifest: PrerenderManifest = PRERENDERED): Promise<string | null> {
  const entry = manifest.entries[textHash(text)];
  if (!entry) return null;
  let stored: { text: string; svg: string };
  try {
    stored = (await entry.load()).default;
  } catch {
    return null; // a chunk that cannot be fetched: Mermaid draws it instead
  }
  if (stored.text !== text) return null;
  const probe = fontProbe(text);
  if (!(Math.abs(probe - entry.probe) <= entry.probe * PROBE_TOLERANCE)) return null;
  await yieldToMain();
  return stored.svg.replaceAll(PRERENDER_ID, id);
}

/** Let the browser run input, rendering and other tasks before going on. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
