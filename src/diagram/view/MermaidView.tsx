/**
 * Renders Mermaid text as SVG, the only Mermaid renderer of the page.
 *
 * Rules this component keeps:
 * - The previous SVG stays until the next one is ready (no flicker).
 * - Renders are coalesced: while one runs, newer texts replace each other and only the
 *   latest is rendered next, so the page keeps up at any playback speed.
 * - `onBeforeSwap()` runs just before a new SVG replaces the old one (to keep a scroll anchor),
 *   `onRendered(svg, text)` right after it is in the DOM, with the text it shows; both in the
 *   same task, so nothing in between is painted.
 */
import { useEffect, useRef, useState } from 'react';
import { renderMermaid } from './mermaid-render';

export interface MermaidViewProps {
  text: string;
  /** Makes the view a named region; leave out when a parent already is one. */
  label?: string;
  className?: string;
  onBeforeSwap?: () => void;
  onRendered?: (svg: SVGSVGElement, text: string) => void;
}

interface Pump {
  latest: string;
  busy: boolean;
  alive: boolean;
}

export function MermaidView({ text, label, className, onBeforeSwap, onRendered }: MermaidViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const pump = useRef<Pump>({ latest: text, busy: false, alive: true });
  const rendered = useRef(onRendered);
  const beforeSwap = useRef(onBeforeSwap);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    rendered.current = onRendered;
    beforeSwap.current = onBeforeSwap;
  });

  useEffect(() => {
    const p = pump.current;
    p.alive = true;
    return () => {
      p.alive = false;
    };
  }, []);

  useEffect(() => {
    const p = pump.current;
    p.latest = text;
    if (p.busy) return; // the running loop picks the latest text up when it finishes
    p.busy = true;
    void (async () => {
      try {
        for (let shown: string | null = null; p.alive && shown !== p.latest;) {
          const next: string = p.latest;
          try {
            const svg = await renderMermaid(next);
            if (!p.alive || !host.current) break;
            beforeSwap.current?.();
            host.current.innerHTML = svg;
            const el = host.current.querySelector('svg');
            if (el) rendered.current?.(el, next);
            setError(null);
          } catch (e) {
            if (p.alive) setError(e instanceof Error ? e.message : String(e));
          }
          shown = next;
        }
      } finally {
        p.busy = false;
      }
    })();
  }, [text]);

  return (
    <div className={className} {...(label ? { role: 'region', 'aria-label': label } : {})}>
      <div ref={host} />
      {error && <p role="alert" className="diagram-error">The diagram could not be drawn: {error}</p>}
    </div>
  );
}
