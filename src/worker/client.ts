/** The page's handle on the worker. The `new Worker(new URL(...))` expression must stay literal for Vite. */
import * as Comlink from 'comlink';
import type { LabApi } from './api';

export interface LabWorker {
  api: Comlink.Remote<LabApi>;
  /** Stop the worker for good (after a crash, before starting a fresh one). */
  terminate(): void;
}

/** Start the lab's worker; `onError` hears of a crash (an uncaught error or a message that cannot be read). */
export function startLabWorker(onError?: (message: string) => void): LabWorker {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'sim' });
  if (onError) {
    worker.addEventListener('error', (e) => onError(e.message || 'the lab worker stopped'));
    worker.addEventListener('messageerror', () => onError('the lab worker sent a message that could not be read'));
  }
  const api = Comlink.wrap<LabApi>(worker);
  return {
    api,
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
