/**
 * The live sequence diagram of a run. The whole run (or, on long runs, a window around the
 * cursor) is rendered once; stepping reveals it by toggling classes on SVG elements
 * (reveal.ts), so a Step never waits for Mermaid. A new render happens only when the trace
 * or the options change (an intervention changes the trace) or the window moves.
 *
 * Contract: the region's accessible name is "Sequence diagram" (DESIGN.md), whatever the
 * visible heading's language.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import type { Trace } from '../sim/trace';
import { MermaidView } from './MermaidView';
import { applyCursor, applyMarks, currentItem, indexSvg, type RevealIndex } from './reveal';
import { arrowEventIndices, toMermaidWithMap, type MermaidMap, type MermaidOptions } from './to-mermaid';
import { chooseWindow } from './window';
import { SEQUENCE_CSS } from './sequence-css';

export interface SequenceDiagramProps {
  trace: Trace;
  /** Index of the last revealed trace event; -1: nothing yet. */
  cursor: number;
  options: MermaidOptions;
  selectedIndex?: number;
  onSelect?: (eventIndex: number) => void;
}

interface Shown {
  map: MermaidMap;
  index: RevealIndex | null;
}

export function SequenceDiagram({ trace, cursor, options, selectedIndex, onSelect }: SequenceDiagramProps) {
  const { lang, hideSetup, timestamps, compact } = options;
  const opts = useMemo(() => ({ lang, hideSetup, timestamps, compact }), [lang, hideSetup, timestamps, compact]);
  const arrows = useMemo(() => arrowEventIndices(trace, opts), [trace, opts]);
  const range = chooseWindow(arrows, trace.events.length, cursor);
  const first = range?.first ?? -1;
  const last = range?.last ?? -1;
  const map = useMemo(() => toMermaidWithMap(trace, opts, first >= 0 ? { first, last } : undefined), [trace, opts, first, last]);

  // Maps of recently requested texts: the SVG that arrives may be an older one (coalescing).
  const maps = useRef(new Map<string, MermaidMap>());
  const [shown, setShown] = useState<Shown | null>(null);
  const lastScrolled = useRef<Element | undefined>(undefined);

  useLayoutEffect(() => {
    const m = maps.current;
    m.set(map.text, map);
    while (m.size > 4) m.delete(m.keys().next().value as string);
  }, [map]);

  // Reveal is applied as soon as a new SVG is in the DOM (before the browser paints it,
  // so the future never flashes), then again whenever the cursor or selection moves.
  const latest = useRef({ cursor, selectedIndex });
  useLayoutEffect(() => {
    latest.current = { cursor, selectedIndex };
  });

  const onRendered = useCallback((svg: SVGSVGElement, text: string) => {
    const m = maps.current.get(text);
    if (!m) return;
    const next: Shown = { map: m, index: indexSvg(svg, m.items) };
    paint(next, latest.current.cursor, latest.current.selectedIndex);
    setShown(next);
  }, []);

  useLayoutEffect(() => {
    if (!shown) return;
    const el = paint(shown, cursor, selectedIndex);
    if (el && el !== lastScrolled.current) {
      lastScrolled.current = el;
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }, [shown, cursor, selectedIndex]);

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const hit = (e.target as Element).closest('[data-item]');
    const item = hit && shown ? shown.map.items[Number(hit.getAttribute('data-item'))] : undefined;
    if (item?.kind === 'message' && item.eventIndex >= 0 && item.eventIndex <= cursor) onSelect?.(item.eventIndex);
  };

  return (
    <div role="region" aria-label="Sequence diagram" className="sequence-diagram" onClick={onClick}
      data-rendered={shown ? 'true' : 'false'} data-hidden-steps={map.hiddenArrows}>
      <style>{SEQUENCE_CSS}</style>
      <MermaidView text={map.text} onRendered={onRendered} />
    </div>
  );
}

/** Apply cursor and marks to a rendered SVG; returns the current item's element. */
function paint({ map, index }: Shown, cursor: number, selectedIndex: number | undefined): Element | undefined {
  if (!index) return undefined;
  applyCursor(index, cursor);
  const current = currentItem(map.items, map.itemOfEvent, cursor);
  const selected = selectedIndex !== undefined && selectedIndex >= 0 ? (map.itemOfEvent[selectedIndex] ?? -1) : -1;
  return applyMarks(index, current, selected);
}
