/** The diagram's display options from the view slice (the live diagram and the exports share them). */
import { useMemo } from 'react';
import { useLab } from '../store/lab-store';
import type { MermaidOptions } from '../../diagram/to-mermaid';

export function useDiagramOptions(): MermaidOptions {
  const lang = useLab((s) => s.view.lang);
  const hideConnectionSetup = useLab((s) => s.view.hideConnectionSetup);
  const timestamps = useLab((s) => s.view.timestamps);
  return useMemo(() => ({ lang, hideConnectionSetup, timestamps }), [lang, hideConnectionSetup, timestamps]);
}
