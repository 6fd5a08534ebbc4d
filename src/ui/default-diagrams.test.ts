/**
 * The committed prerenders (src/diagram/view/prerendered/) must be exactly what the default page
 * asks for, drawn by this Mermaid with the page's settings. When this fails, run
 * `npm run prerender`, look at the SVGs and commit them. (The page itself never shows a stale
 * prerender: it falls back to a live render when the text differs; this test keeps it fast.)
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { defaultPageDiagrams } from './default-diagrams';
import { PRERENDERED } from '../diagram/view/prerendered';
import { PRERENDER_ID, textHash } from '../diagram/view/prerender';
import { PAGE_CONFIG } from '../diagram/view/mermaid-render';

const STALE = 'stale prerender: run `npm run prerender` and commit src/diagram/view/prerendered/';
const count = (s: string, needle: string) => s.split(needle).length - 1;

describe('prerendered diagrams of the default page', () => {
  const diagrams = defaultPageDiagrams();

  it('cover exactly the texts the default page asks for', () => {
    expect(diagrams.map((d) => d.name)).toEqual(expect.arrayContaining(['default-en', 'default-zh', 'default-en-phone', 'default-zh-phone']));
    const wanted = Object.fromEntries(diagrams.map((d) => [textHash(d.map.text), d.name]));
    const stored = Object.fromEntries(Object.entries(PRERENDERED.entries).map(([hash, e]) => [hash, e.name]));
    expect(stored, STALE).toEqual(wanted);
  });

  it('were drawn by this Mermaid with the page settings', () => {
    const mermaid = createRequire(import.meta.url)('mermaid/package.json') as { version: string };
    expect(PRERENDERED.mermaid, STALE).toBe(mermaid.version);
    expect(PRERENDERED.config, STALE).toBe(textHash(JSON.stringify(PAGE_CONFIG)));
  });

  for (const d of diagrams) {
    it(`${d.name}: the stored text is the page's, and its SVG fits the live view`, async () => {
      const entry = PRERENDERED.entries[textHash(d.map.text)];
      expect(entry, STALE).toBeDefined();
      const { text, svg } = (await entry.load()).default;
      expect(text, STALE).toBe(d.map.text);
      expect(entry.probe).toBeGreaterThan(0);
      // The render id is replaced on each use; it must not occur in the text (so in no label).
      expect(text).not.toContain(PRERENDER_ID);
      expect(svg.startsWith(`<svg id="${PRERENDER_ID}"`)).toBe(true);
      expect(svg).toContain('aria-roledescription="sequence"');
      // One SVG element per message and per note, as reveal.ts indexSvg matches them.
      const messages = d.map.items.filter((i) => i.kind === 'message').length;
      expect(count(svg, 'data-et="message"')).toBe(messages);
      expect(count(svg, 'data-et="note"')).toBe(d.map.items.length - messages);
      // Nothing that runs or leaves the page.
      expect(svg).not.toMatch(/<script|<foreignObject|\son\w+=/i);
      for (const url of svg.match(/https?:[^"')\s]*/g) ?? []) expect(url).toMatch(/^http:\/\/www\.w3\.org\//);
      for (const ref of svg.match(/url\([^)]*\)/g) ?? []) expect(ref).toMatch(/^url\(#/);
    });
  }
});
