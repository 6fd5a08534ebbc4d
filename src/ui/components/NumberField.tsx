/** A number input that lets the learner type freely and commits only valid values. */
import { useState } from 'react';

interface Props { id: string; label: string; ariaLabel?: string; value: number; min: number; max: number; step?: number; onCommit(value: number): void }

export function NumberField({ id, label, ariaLabel, value, min, max, step = 1, onCommit }: Props) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  function change(next: string) {
    setText(next);
    const n = Number(next);
    if (next.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && n !== value) onCommit(n);
  }
  return (
    <div className="field inline">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-label={ariaLabel} type="number" inputMode="numeric" min={min} max={max} step={step} value={text}
        onChange={(e) => change(e.target.value)} onBlur={() => setText(String(value))} />
    </div>
  );
}
