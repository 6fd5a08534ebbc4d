/**
 * The Mermaid texts the default page (no link, no stored choices but the language) asks the
 * diagram for on its first load: the worker's answer to the default request (`{}`), drawn
 * with the view's initial options at the initial cursor, in each language, on a wide screen
 * and on a phone (live-diagram.ts); the quick window first when the run is long enough to
 * have one (SequenceDiagram), then the whole run.
 *
 * `npm run prerender` draws these once (src/diagram/view/prerendered/), and a test fails when they
 * no longer match, so a prerender cannot go stale silently.
 * Node-side only: the page never imports this (it would pull the simulator into its bundle).
 */
import { api } from '../worker/api';
import { initialState } from './store/lab-store';
import { MESSAGES, type Lang } from './i18n';
import { liveDiagramOptions } from './live-diagram';
import { arrowEventIndices, toMermaidWithMap, type MermaidMap, type MermaidOptions } from '../diagram/to-mermaid';
import { chooseWindow, windowAround } from '../diagram/window';

export interface PageDiagram {
  /** File stem of its prerender: `default-en`, `default-zh-quick`, `default-en-phone`. */
  name: string;
  lang: Lang;
  map: MermaidMap;
}

export function defaultPageDiagrams(): PageDiagram[] {
  const state = initialState();
  const result = api.run(state.request.input);
  if ('error' in result) throw new Error(`the default scenario does not run: ${result.error}`);
  const { trace } = result;
  const cursor = state.playback.cursor;
  const langs = Object.keys(MESSAGES) as Lang[];
  return langs.flatMap((lang) => [false, true].flatMap((phone): PageDiagram[] => {
    // The options DiagramPanel gives SequenceDiagram (useDiagramOptions, then the live view's).
    const { hideConnectionSetup, timestamps } = state.view;
    const options: MermaidOptions = liveDiagramOptions({ lang, hideConnectionSetup, timestamps }, phone);
    const name = `default-${lang}${phone ? '-phone' : ''}`;
    const arrows = arrowEventIndices(trace, options);
    const quick = windowAround(arrows, trace.events.length, cursor);
    const full = chooseWindow(arrows, trace.events.length, cursor);
    const out: PageDiagram[] = [];
    if (quick) out.push({ name: `${name}-quick`, lang, map: toMermaidWithMap(trace, options, quick) });
    out.push({ name, lang, map: toMermaidWithMap(trace, options, full) });
    return out;
  }));
}
