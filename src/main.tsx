import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { installContentSecurityPolicy } from './app/contentSecurity';
import { createApp } from './app/createApp';
import { reloadOnceServiceWorkerIsolates } from './app/crossOriginIsolation';
import { App } from './ui/App';
import './ui/styles.css';

if (import.meta.env.PROD) installContentSecurityPolicy();
const app = createApp();
// Automation hook: the end-to-end tests (and power users in the console) drive the same API the UI uses.
(window as unknown as { rbassist: typeof app }).rbassist = app;

const updateServiceWorker = registerSW({
  immediate: true,
  onNeedRefresh: () => app.updateReady.set({ apply: () => void updateServiceWorker(true) }),
});
if (import.meta.env.PROD) void reloadOnceServiceWorkerIsolates();
void app.init();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App app={app} />
  </StrictMode>,
);
