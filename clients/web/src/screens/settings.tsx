// More: who is signed in, the member's devices, where sync stands, signing out, and the
// contacts' import and export (`/settings/import`, `/settings/export`).
import { useLocation } from 'preact-iso'
import { useEffect, useState } from 'preact/hooks'

import { session, signOut, type Session } from '../lib/auth'
import { db } from '../lib/db'
import { useLive } from '../lib/live'
import { ErrorNote, Page } from '../ui'
import { Devices } from './settings/devices'
import { Export } from './settings/export'
import { Import } from './settings/import'
import { SyncState } from './settings/sync'

function Back() {
  return <p><a href="/settings">Back to More</a></p>
}

function Overview() {
  const [who, setWho] = useState<Session | undefined>(undefined)
  const [error, setError] = useState<unknown>(null)
  const waiting = useLive(() => db().outbox.count(), [], 0) ?? 0
  useEffect(() => { session().then(setWho) }, [])

  const out = async () => {
    const warning = waiting
      ? `${waiting} change${waiting > 1 ? 's' : ''} made on this device ${waiting > 1 ? 'have' : 'has'} not reached the server yet and would be lost. Sign out anyway?`
      : 'Sign out of Rapport on this device? What is stored here is removed.'
    if (!confirm(warning)) return
    try {
      await signOut()  // the app shows its start page
    } catch (err) {
      setError(err)
    }
  }

  return (
    <Page title="More">
      <section aria-labelledby="who-title">
        <h2 id="who-title">Signed in</h2>
        {who ? (
          <p data-testid="who"><strong>{who.name || who.email}</strong>{who.name && who.email && who.name !== who.email ? <> · {who.email}</> : null}</p>
        ) : null}
      </section>
      <section aria-labelledby="people-title">
        <h2 id="people-title">Your contacts</h2>
        <ul class="links">
          <li><a href="/settings/import">Import contacts</a> — vCard, LinkedIn or Rapport CSV</li>
          <li><a href="/settings/export">Export contacts</a> — vCard or CSV</li>
          <li><a href="/#calendar-title">Calendar feed of your nudges</a></li>
        </ul>
      </section>
      <SyncState />
      <Devices thisDevice={who?.device_id} onSignOut={out} />
      <section aria-labelledby="signout-title">
        <h2 id="signout-title">Sign out</h2>
        {waiting ? (
          <p class="notice" data-testid="signout-warning">{waiting} change{waiting > 1 ? 's' : ''} not synced yet: signing out now would lose {waiting > 1 ? 'them' : 'it'}. Sync first.</p>
        ) : null}
        <button type="button" class="danger" onClick={out}>Sign out</button>
        <ErrorNote error={error} />
      </section>
    </Page>
  )
}

export function Settings() {
  const { path } = useLocation()
  if (path.startsWith('/settings/import')) {
    return <Page title="Import contacts"><Back /><Import /></Page>
  }
  if (path.startsWith('/settings/export')) {
    return <Page title="Export contacts"><Back /><Export /></Page>
  }
  return <Overview />
}
