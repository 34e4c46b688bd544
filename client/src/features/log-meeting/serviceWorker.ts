/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * Register the Workbox service worker (built by vite-plugin-pwa, scope `/`) so the app shell
 * opens with no network. A new build takes over on its own (`autoUpdate`): the shell holds no
 * unsaved work, and queued offline entries live in IndexedDB, not in the page.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  void registerSW({ immediate: true });
}
