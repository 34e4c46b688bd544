/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * Register the Workbox service worker (built by vite-plugin-pwa, scope `/`) so the app shell
 * opens with no network. A new build takes over once every tab of the app has closed, never
 * by reloading a page someone is typing in (vite.config.ts); queued offline entries live in
 * IndexedDB either way.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  void registerSW({ immediate: true });
}
