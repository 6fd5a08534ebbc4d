/**
 * Offline after one visit: registers the service worker that vite-plugin-pwa builds (vite.config.ts).
 * Imported lazily by main.tsx once the page is idle, so Workbox is no part of the initial JS.
 * A new version never switches by itself (registerType 'prompt'): it waits, and UpdatePrompt
 * offers "Reload", which activates it and reloads the page.
 */
/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';
import { updateReady } from './update-ready';

/** A lesson can run for hours: look for a new version now and then (only while online). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const updateSW = registerSW({
    immediate: true, // the page has loaded already
    onNeedRefresh: () => updateReady.set(apply),
    // The plugin reloads only a page that was controlled when it registered, not the first visit's
    // (claimed later): this tab reloads itself below, others keep running their lesson.
    onNeedReload: () => {},
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine && !registration.installing) registration.update().catch(() => { /* offline or server gone: next time */ });
      }, CHECK_EVERY_MS);
    },
  });
  /** "Reload": the waiting version takes over (skipWaiting), then this page reloads into it. */
  function apply(): void {
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    void updateSW();
  }
}
