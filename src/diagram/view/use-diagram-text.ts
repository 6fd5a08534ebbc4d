/**
 * Which Mermaid text the live diagram draws: the whole run, or on long runs a window around
 * the cursor (window.ts). A new run, or new options, is first drawn quickly around the cursor
 * and then whole, so a changed run is on screen fast.
 *
 * Rules this hook keeps:
 * - The quick range is fixed by the cursor the run came with: stepping does not redraw it.
 * - The whole run is asked for once the quick render is on screen (`shownText`), when the
 *   page is idle.
 * - The maps of the last few texts asked for are kept (`mapOf`): the SVG that arrives may be
 *   an older one, since MermaidView coalesces renders.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Trace } from '../../sim/trace';
import { arrowEventIndices, toMermaidWithMap, type MermaidMap, type MermaidOptions } from '../to-mermaid';
import { chooseWindow, windowAround } from '../window';
import { idle } from './frames';

export interface DiagramText {
  /** What to draw now: the quick render, or the whole run. */
  map: MermaidMap;
  /** The whole run (or its window around the cursor). */
  full: MermaidMap;
  /** The map of a recently requested text, for the SVG drawn from it. */
  mapOf: (text: string) => MermaidMap | undefined;
}

export function useDiagramText(trace: Trace, cursor: number, options: MermaidOptions, shownText: string | undefined): DiagramText {
  const { lang, hideConnectionSetup, timestamps, compact, narrow, wrapAt, noteWrapAt } = options;
  const opts = useMemo(() => ({ lang, hideConnectionSetup, timestamps, compact, narrow, wrapAt, noteWrapAt }),
    [lang, hideConnectionSetup, timestamps, compact, narrow, wrapAt, noteWrapAt]);
  const arrows = useMemo(() => arrowEventIndices(trace, opts), [trace, opts]);
  const range = chooseWindow(arrows, trace.events.length, cursor);
  const first = range?.first ?? -1;
  const last = range?.last ?? -1;
  const full = useMemo(() => toMermaidWithMap(trace, opts, first >= 0 ? { first, last } : undefined), [trace, opts, first, last]);

  // A new run (or new options) is drawn quickly around the cursor first; `phase.full` says
  // the whole run may be drawn now. The quick range is fixed by the cursor the run came with.
  const [phase, setPhase] = useState({ trace, opts, at: cursor, full: false });
  let now = phase;
  if (phase.trace !== trace || phase.opts !== opts) {
    now = { trace, opts, at: cursor, full: false };
    setPhase(now);
  }
  const quick = useMemo(() => {
    const r = windowAround(arrows, trace.events.length, now.at);
    return r ? toMermaidWithMap(trace, opts, r) : null;
  }, [arrows, trace, opts, now.at]);
  const map = now.full || !quick ? full : quick;

  // Maps of recently requested texts: the SVG that arrives may be an older one (coalescing).
  const maps = useRef(new Map<string, MermaidMap>());
  useLayoutEffect(() => {
    const m = maps.current;
    m.set(map.text, map);
    while (m.size > 4) m.delete(m.keys().next().value as string);
  }, [map]);
  const mapOf = useCallback((text: string) => maps.current.get(text), []);

  // The quick render is on screen: draw the whole run when the page is idle.
  const waiting = !now.full && quick !== null && shownText === quick.text;
  useEffect(() => {
    if (!waiting) return;
    return idle(() => setPhase((p) => (p.trace === trace && p.opts === opts ? { ...p, full: true } : p)));
  }, [waiting, trace, opts]);

  return { map, full, mapOf };
}
