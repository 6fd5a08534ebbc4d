/** Drop rules: the scenario's drops as `PUBREC#2@broker>publisher` chips, and a small form to add one. */
import { useState } from 'react';
import { useLab } from '../store/lab-store';
import { addDropRule, removeFault } from '../store/actions';
import { useT } from '../i18n';
import type { DropRule } from '../../worker/share';
import type { Messages } from '../i18n';

/** The CLI's notation (`PUBREC#2@broker>publisher`, sim/drop-rule.ts), for titles and names. */
function formatDropRule(f: DropRule): string {
  return `${f.type}${f.nth !== 1 ? `#${f.nth}` : ''}${f.from && f.to ? `@${f.from}>${f.to}` : ''}`;
}

const NO_FAULTS: never[] = [];
const TYPES = ['PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'CONNECT', 'CONNACK', 'SUBSCRIBE', 'SUBACK'] as const;
const HOPS = ['', 'publisher>broker', 'broker>publisher', 'broker>subscriber', 'subscriber>broker'] as const;

function hopName(t: Messages, hop: string): string {
  const [from, to] = hop.split('>');
  return `${t.participant(from)} → ${t.participant(to)}`;
}

export function RuleBuilder() {
  const t = useT();
  const faults = useLab((s) => s.scenario?.faults ?? NO_FAULTS);
  const [type, setType] = useState<DropRule['type']>('PUBACK');
  const [nth, setNth] = useState(1);
  const [hop, setHop] = useState<string>('');
  function add() {
    const [from, to] = hop ? hop.split('>') : [undefined, undefined];
    addDropRule({ kind: 'drop', type, nth, from, to });
  }
  return (
    <section className="rules" aria-labelledby="rules-title">
      <h2 id="rules-title">{t.rules.heading}</h2>
      {faults.length === 0 ? <p className="hint">{t.rules.none}</p> : (
        <ul className="chips">
          {faults.map((f, i) => {
            const text = f.kind === 'drop'
              ? t.rules.drop({ type: f.type, nth: f.nth, hop: f.from && f.to ? hopName(t, `${f.from}>${f.to}`) : '' })
              : f.kind;
            return (
              <li key={i} className="chip" title={f.kind === 'drop' ? formatDropRule(f) : undefined}>
                <span>{text}</span>
                <button type="button" className="chip-x" aria-label={`Remove drop rule ${f.kind === 'drop' ? formatDropRule(f) : f.kind}`} title={t.rules.remove} onClick={() => removeFault(i)}>×</button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="rule-form">
        <select aria-label="Packet type" title={t.rules.type} value={type} onChange={(e) => setType(e.target.value as DropRule['type'])}>
          {TYPES.map((x) => <option key={x} value={x}>{x}</option>)}
        </select>
        <input aria-label="Which one" title={t.rules.nth} type="number" min={1} max={99} value={nth} onChange={(e) => setNth(Math.max(1, Math.min(99, Number(e.target.value) || 1)))} />
        <select aria-label="Hop" title={t.rules.hop} value={hop} onChange={(e) => setHop(e.target.value)}>
          {HOPS.map((h) => <option key={h} value={h}>{h ? hopName(t, h) : t.rules.anyHop}</option>)}
        </select>
        <button type="button" onClick={add}>{t.rules.add}</button>
      </div>
    </section>
  );
}
