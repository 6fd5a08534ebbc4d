/** The one zustand store of the page. */
import { create } from 'zustand';
import type { Trace } from '../../sim/trace';

export interface LabState {
  engine: string | null;
  trace: Trace | null;
}

export const useLab = create<LabState>(() => ({ engine: null, trace: null }));

export function traceLoaded(engine: string, trace: Trace): void {
  useLab.setState({ engine, trace });
}
