import { useEffect, useMemo } from 'react';
import { startLabWorker } from '../worker/client';
import { traceLoaded, useLab } from './store/lab-store';
import { toMermaid } from '../diagram/to-mermaid';
import { MermaidView } from '../diagram/MermaidView';

export function App() {
  const engine = useLab((s) => s.engine);
  const trace = useLab((s) => s.trace);
  useEffect(() => {
    const lab = startLabWorker();
    void lab.hello().then((r) => traceLoaded(r.engine, r.trace));
  }, []);
  const text = useMemo(() => (trace ? toMermaid(trace) : null), [trace]);
  return (
    <main>
      <h1>MQTT QoS Lab</h1>
      <p>{engine ? `Engine: ${engine}` : 'Starting the lab…'}</p>
      {text && <MermaidView text={text} label="Sequence diagram" />}
    </main>
  );
}
