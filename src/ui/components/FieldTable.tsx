/** The codec's fields of one packet, each with its bytes, value and a one-line explanation. */
import { Fragment } from 'react';
import { useLab } from '../store/lab-store';
import { hoverField } from '../store/actions';
import { useLang, useT } from '../i18n';
import { FIELD_TEXT } from '../i18n/fields';
import type { Annotation } from '../../worker/inspect';

function Row({ f, id, bit }: { f: Annotation; id: string; bit?: boolean }) {
  const lang = useLang();
  const hot = useLab((s) => s.selection.field !== null && (s.selection.field === id || s.selection.field === id.split('.')[0]));
  const range = f.length === 0 ? '—' : f.length === 1 ? `${f.offset}` : `${f.offset}–${f.offset + f.length - 1}`;
  return (
    <tr className={`${bit ? 'bit' : ''}${hot ? ' hot' : ''}`} tabIndex={0}
      onMouseEnter={() => hoverField(id)} onFocus={() => hoverField(id)} onMouseLeave={() => hoverField(null)} onBlur={() => hoverField(null)}>
      <td className="range">{bit ? f.mask ?? '' : range}</td>
      <th scope="row">{f.field}</th>
      <td className="value">{f.value}</td>
      <td className="explain">{FIELD_TEXT[f.explain]?.[lang] ?? ''}</td>
    </tr>
  );
}

export function FieldTable({ fields }: { fields: readonly Annotation[] }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="fields">
        <thead>
          <tr><th scope="col">#</th><th scope="col">{t.inspector.field}</th><th scope="col">{t.inspector.value}</th><th scope="col"><span className="visually-hidden">?</span></th></tr>
        </thead>
        <tbody>
          {fields.map((f, i) => (
            <Fragment key={i}>
              <Row f={f} id={String(i)} />
              {f.bits?.map((b, j) => <Row key={`${i}.${j}`} f={b} id={`${i}.${j}`} bit />)}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
