/** The app itself, loaded by the entry (main.ts): the query cache, the early loads and the first render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, makeAppQueryClient } from './App';
import { startBootLoads } from './boot-loads';
import { currentRoute } from '../lib/router';
import { ErrorBoundary } from './ErrorBoundary';
import { applyTheme, useThemeStore } from '../state/theme-store';

applyTheme(useThemeStore.getState().choice);

const queryClient = makeAppQueryClient();
startBootLoads(queryClient, currentRoute());

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    {/* Outer boundary: the top bar, providers and drop zone sit outside the per-page one. */}
    <ErrorBoundary>
      <App queryClient={queryClient} />
    </ErrorBoundary>
  </StrictMode>,
);
