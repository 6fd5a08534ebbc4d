/** Renders Mermaid text as SVG. Mermaid is imported lazily, once, on first render. */
import { useEffect, useRef } from 'react';

let seq = 0;
let loading: Promise<typeof import('mermaid').default> | null = null;
function loadMermaid() {
  return (loading ??= import('mermaid').then((m) => {
    m.default.initialize({ startOnLoad: false, securityLevel: 'strict', fontFamily: 'inherit' });
    return m.default;
  }));
}

export function MermaidView({ text, label }: { text: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void loadMermaid()
      .then((mermaid) => mermaid.render(`mmd-${++seq}`, text))
      .then(({ svg }) => {
        if (!cancelled && ref.current) ref.current.innerHTML = svg;
      });
    return () => {
      cancelled = true;
    };
  }, [text]);
  return <div ref={ref} role="region" aria-label={label} className="diagram" />;
}
