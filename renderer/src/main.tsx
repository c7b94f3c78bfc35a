import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { defaultClient } from './client/transport';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={defaultClient()} />
  </StrictMode>,
);
