// Entry: the service worker (vite-plugin-pwa's registration, Workbox underneath) so the app
// opens with no network, then the app.
import { render } from 'preact'
import { registerSW } from 'virtual:pwa-register'

import { App } from './app'
import './styles.css'

if ('serviceWorker' in navigator) registerSW({ immediate: true })
render(<App />, document.getElementById('app')!)
