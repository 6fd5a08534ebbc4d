/**
 * Scheduling against the browser's frames: work that must not delay the frame a step is
 * shown in waits until that frame is painted (`afterPaint`), or until the page is idle
 * (`idle`). Each returns a function that cancels the call.
 */

/** Run `fn` once the next frame has been painted. */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const raf = requestAnimationFrame(() => { timer = setTimeout(fn, 0); });
  return () => { cancelAnimationFrame(raf); clearTimeout(timer); };
}

/** Run `fn` when the page is idle, or after `timeout` ms at the latest. */
export function idle(fn: () => void, timeout = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 50);
  return () => clearTimeout(id);
}
