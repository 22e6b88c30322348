/// <reference types="vitest/config" />
// The build: Preact, and a Workbox service worker (vite-plugin-pwa, generateSW) that precaches the
// whole app so it opens with no network. API calls are never cached by the worker: offline data
// lives in IndexedDB (src/lib/db.ts), where the app can say what is synced and what is not.
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const SERVER_PATHS = [/^\/v1\//, /^\/oauth2\//, /^\/signin/, /^\/device/, /^\/\.well-known\//, /^\/healthz/, /^\/readyz/]

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: 'Rapport',
        short_name: 'Rapport',
        description: 'Your networking strategy: capture people, follow up, close your goal gaps.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        navigateFallback: '/index.html',
        navigateFallbackDenylist: SERVER_PATHS,
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: { target: 'es2022', sourcemap: true },
  test: {
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    include: ['test/**/*.test.ts'],
  },
})
