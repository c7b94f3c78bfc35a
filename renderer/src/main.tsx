import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { defaultClient } from './api/transport';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={defaultClient()} />
  </StrictMode>,
);
