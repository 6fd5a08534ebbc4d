/** The page's handle on the worker. The `new Worker(new URL(...))` expression must stay literal for Vite. */
import * as Comlink from 'comlink';
import type { LabApi } from './api';

export function startLabWorker(): Comlink.Remote<LabApi> {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'sim' });
  return Comlink.wrap<LabApi>(worker);
}
