import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { defaultClient } from './client/transport';
import './app/styles.css';

// An early-overview.js that arrives after this point sends nothing: the app asks for itself.
window.__tokenLedgerStarted = true;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={defaultClient()} />
  </StrictMode>,
);
