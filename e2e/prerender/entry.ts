/**
 * The page `npm run prerender` drives: the lab's own styles (Mermaid measures labels in the
 * body's font) and its own Mermaid wrapper, with the stored SVGs' render id.
 */
import '../../src/ui/styles.css';
import { loadMermaid, renderMermaidLive } from '../../src/diagram/view/mermaid-render';
import { fontProbe, PRERENDER_ID } from '../../src/diagram/view/prerender';

export interface Drawn {
  svg: string;
  probe: number;
}

declare global {
  interface Window {
    prerender?: (text: string, htmlLang: string) => Promise<Drawn>;
  }
}

window.prerender = async (text, htmlLang) => {
  // The page's <html lang> (App.tsx): it picks the CJK fallback font, and so Chinese metrics.
  document.documentElement.lang = htmlLang;
  await loadMermaid();
  const svg = await renderMermaidLive(text, 'page', PRERENDER_ID);
  return { svg, probe: fontProbe(text) };
};
