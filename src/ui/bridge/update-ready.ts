/**
 * "A new version is ready": set by the service worker bridge (service-worker.ts, loaded lazily)
 * when a new version waits, read by UpdatePrompt. Tiny on purpose: it is part of the initial JS.
 */
type Apply = () => void;

let apply: Apply | null = null;
const listeners = new Set<() => void>();

/** The way to switch to the waiting version (it reloads the page), or null when none waits. */
export const updateReady = {
  get: (): Apply | null => apply,
  set(next: Apply | null): void {
    apply = next;
    for (const l of listeners) l();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
