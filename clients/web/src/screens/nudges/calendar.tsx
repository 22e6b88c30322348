// The calendar feed: open nudges as an iCalendar (VTODO) feed behind a secret URL
// (`POST /v1/feeds/ics` makes it, or makes a new one; `DELETE` turns it off). Making a link
// changes the secret, so the screen keeps the last answer on the device (the cache table) and
// shows it again rather than asking for a new one; offline it shows the kept one.
import { useState } from 'preact/hooks'

import { request } from '../../lib/api'
import { nowIso } from '../../lib/clock'
import { db } from '../../lib/db'
import { useLive } from '../../lib/live'
import { status } from '../../lib/syncer'
import { ErrorNote } from '../../ui'

export const FEED_KEY = '/v1/feeds/ics'

interface Feed { url: string; path: string; created_at?: string }

export function CalendarLink() {
  const kept = useLive(() => db().cache.get(FEED_KEY), [], undefined)
  const feed = kept?.value as Feed | null | undefined
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [copied, setCopied] = useState(false)
  const online = status.value.online

  const make = async (renew: boolean) => {
    if (renew && !confirm('A new link stops the old one: calendars subscribed to it stop updating. Make a new link?')) return
    setBusy(true); setError(null); setCopied(false)
    try {
      const answer = await request<Feed>('POST', FEED_KEY)
      await db().cache.put({ key: FEED_KEY, value: answer, at: nowIso() })
    } catch (err) { setError(err) } finally { setBusy(false) }
  }
  const off = async () => {
    if (!confirm('Turn the calendar feed off? Calendars subscribed to it stop updating.')) return
    setBusy(true); setError(null)
    try {
      await request('DELETE', FEED_KEY)
      await db().cache.delete(FEED_KEY)
    } catch (err) { setError(err) } finally { setBusy(false) }
  }
  const copy = async () => {
    if (!feed) return
    try {
      await navigator.clipboard.writeText(feed.url)
      setCopied(true)
    } catch {
      const input = document.getElementById('feed-url') as HTMLInputElement | null
      input?.select()
      setError(new Error('Copying was not allowed: the address is selected, copy it yourself.'))
    }
  }

  return (
    <section class="calendar" aria-labelledby="calendar-title">
      <h2 id="calendar-title">Calendar</h2>
      <p class="muted">Subscribe to your nudges in your calendar app: they appear as tasks, updated as they change.</p>
      {feed ? (
        <>
          <div class="field">
            <label for="feed-url">Address to subscribe to</label>
            <input id="feed-url" type="url" readOnly value={feed.url} onFocus={(e) => (e.target as HTMLInputElement).select()} />
          </div>
          <div class="row">
            <button type="button" class="primary" onClick={copy}>Copy the address</button>
            <button type="button" onClick={() => make(true)} disabled={busy || !online}>New link</button>
            <button type="button" class="danger" onClick={off} disabled={busy || !online}>Turn off</button>
          </div>
          {copied ? <p role="status">Copied.</p> : null}
        </>
      ) : (
        <>
          <button type="button" class="primary" onClick={() => make(false)} disabled={busy || !online}>Get a calendar link</button>
          <p class="hint">A link made on another device stops working when you get one here.</p>
        </>
      )}
      {!online ? <p class="muted">The calendar link needs the network.</p> : null}
      <ErrorNote error={error} />
    </section>
  )
}
