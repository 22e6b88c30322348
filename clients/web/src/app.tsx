// The app's frame: who is signed in, the navigation, the sync bar, and the routes.
import { LocationProvider, Route, Router, useLocation } from 'preact-iso'
import { useEffect, useState } from 'preact/hooks'

import { completeSignIn, onSignedOut, session, signIn, type Session } from './lib/auth'
import { RECORD_TABLES, db } from './lib/db'
import { useLive } from './lib/live'
import { startSyncing, status, stopSyncing, syncNow } from './lib/syncer'
import { Capture } from './screens/capture'
import { ContactDetail } from './screens/contact'
import { Contacts } from './screens/contacts'
import { Duplicates } from './screens/duplicates'
import { Nudges } from './screens/nudges'
import { Settings } from './screens/settings'
import { Strategy } from './screens/strategy'
import { ErrorNote } from './ui'

const NAV: [string, string][] = [
  ['/', 'Today'],
  ['/capture', 'Capture'],
  ['/contacts', 'People'],
  ['/strategy', 'Strategy'],
  ['/settings', 'More'],
]

function SyncBar() {
  const waiting = useLive(() => db().outbox.count(), [], 0)
  const conflicts = useLive(async () => {
    const counts = await Promise.all(RECORD_TABLES.map((c) => db().table_(c).where('_state').equals('conflict').count()))
    return counts.reduce((a, b) => a + b, 0)
  }, [], 0)
  const s = status.value
  const state = !s.online ? 'Offline' : s.running ? 'Syncing…' : s.problem ? 'Sync stopped' : 'Online'
  return (
    <div class="syncbar" role="status" aria-live="polite" data-last-sync={s.lastOk ?? ''}>
      <span class={`dot ${s.online ? 'on' : 'off'}`} aria-hidden="true" />
      <span data-testid="sync-state">{state}</span>
      <span data-testid="waiting">{waiting ? `${waiting} waiting to sync` : 'All synced'}</span>
      {conflicts ? <a href="/contacts?state=conflict">{conflicts} conflict{conflicts > 1 ? 's' : ''}</a> : null}
      {s.problem ? <span class="error">{s.problem}</span> : null}
      <button type="button" class="link" onClick={() => void syncNow()} disabled={s.running || !s.online}>Sync now</button>
    </div>
  )
}

function Nav() {
  const { path } = useLocation()
  return (
    <nav class="nav" aria-label="Main">
      {NAV.map(([href, text]) => {
        const here = href === '/' ? path === '/' : path.startsWith(href)
        return <a key={href} href={href} aria-current={here ? 'page' : undefined}>{text}</a>
      })}
    </nav>
  )
}

function Welcome() {
  const [error, setError] = useState<unknown>(null)
  return (
    <main id="main" class="welcome">
      <img src="/icons/icon-192.png" alt="" width={96} height={96} />
      <h1>Rapport</h1>
      <p>Your networking strategy: capture people where you meet them, follow up on time, close your goal's gaps.</p>
      <button type="button" class="primary" onClick={() => signIn().catch((err) => setError(
        navigator.onLine ? err : new Error('Signing in needs the network: connect, then try again.')))}>Sign in</button>
      <ErrorNote error={error} />
    </main>
  )
}

function Callback({ onSession }: { onSession: (s: Session) => void }) {
  const { route } = useLocation()
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    completeSignIn(new URL(location.href)).then((s) => { onSession(s); route('/', true) }).catch(setError)
  }, [])
  return (
    <main id="main" class="welcome">
      <h1>Signing in…</h1>
      <ErrorNote error={error} />
      {error ? <button type="button" class="primary" onClick={() => signIn()}>Sign in again</button> : null}
    </main>
  )
}

export function App() {
  const [who, setWho] = useState<Session | null | undefined>(undefined)
  useEffect(() => {
    session().then((s) => setWho(s ?? null))
    onSignedOut(() => { stopSyncing(); setWho(null); history.replaceState(null, '', '/') })
  }, [])
  useEffect(() => { if (who) startSyncing() }, [who?.member_id])
  if (who === undefined) return null
  return (
    <LocationProvider>
      {location.pathname === '/app/callback'
        ? <Callback onSession={setWho} />
        : who === null ? <Welcome /> : (
          <div class="shell">
            <a class="skip" href="#main">Skip to content</a>
            <header class="top">
              <span class="brand">Rapport</span>
              <Nav />
              <SyncBar />
            </header>
            <main id="main">
              <Router>
                <Route path="/" component={Nudges} />
                <Route path="/capture" component={Capture} />
                <Route path="/contacts" component={Contacts} />
                <Route path="/contacts/:id" component={ContactDetail} />
                <Route path="/duplicates" component={Duplicates} />
                <Route path="/strategy/*" component={Strategy} />
                <Route path="/strategy" component={Strategy} />
                <Route path="/settings/*" component={Settings} />
                <Route path="/settings" component={Settings} />
                <Route default component={Nudges} />
              </Router>
            </main>
          </div>
        )}
    </LocationProvider>
  )
}
