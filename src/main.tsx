import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { startPrefs } from './ui/bridge/prefs-storage';
import { startUrlSync } from './ui/bridge/url-sync';
import { connectLab } from './ui/bridge/lab-bridge';
import './ui/styles.css';

// Order matters: remembered language first, then the scenario of the link, then the worker runs it.
startPrefs();
startUrlSync();
connectLab();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
