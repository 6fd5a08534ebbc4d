import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { startPrefs } from './ui/bridge/prefs-storage';
import { startUrlSync } from './ui/bridge/url-sync';
import { connectLab } from './ui/bridge/lab-bridge';
import { startLessonProgress } from './ui/bridge/lesson-bridge';
import './ui/styles.css';

// Order matters: remembered language first, then the scenario of the link, then the worker runs it.
startPrefs();
startLessonProgress();
startUrlSync();
connectLab();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline after one visit: the service worker (vite-plugin-pwa, vite.config.ts) is registered from a
// lazily loaded module a while after the page has loaded, when it is idle: its precache (1.5 MB)
// then never competes with the start of the page (first render, the worker's first run).
// None in `npm start` (dev), and none in an embedded view (a tutorial's iframe need not cache the lab).
const SERVICE_WORKER_AFTER_LOAD_MS = 10_000;
if (import.meta.env.PROD && new URLSearchParams(window.location.search).get('embed') !== '1') {
  const start = () => void import('./ui/bridge/service-worker').then((m) => m.startServiceWorker());
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(start, { timeout: 10_000 }) : start());
  const later = () => setTimeout(whenIdle, SERVICE_WORKER_AFTER_LOAD_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
