// Today: the nudges due today (or earlier) in the member's zone, most important first, each
// with why it was made and what to do about it; what was acted on today below, with whether
// the server has it yet. Everything is read from the device's store, so it works offline.
import { useEffect, useState } from 'preact/hooks'

import { now } from '../lib/clock'
import { db } from '../lib/db'
import { useLive } from '../lib/live'
import { Empty, Page } from '../ui'
import { ACTED_KEY } from './nudges/act'
import { CalendarLink } from './nudges/calendar'
import { ActedItem, NudgeCard } from './nudges/card'
import { type Nudge, actedToday, inbox } from './nudges/logic'

interface Stored {
  nudges: Nudge[]
  names: Record<string, string>
  acted: Record<string, string>
}

async function load(): Promise<Stored> {
  const d = db()
  const nudges = (await d.nudges.toArray()).filter((n) => !n._deleted) as Nudge[]
  const ids = new Set<string>()
  for (const n of nudges) {
    if (n.contact_id) ids.add(n.contact_id)
    for (const [k, v] of Object.entries(n.why?.data ?? {})) if (k.endsWith('contact_id') && typeof v === 'string') ids.add(v)
  }
  const wanted = [...ids]
  const contacts = await d.contacts.bulkGet(wanted)
  const names: Record<string, string> = {}
  contacts.forEach((c, i) => { if (c && !c._deleted && c.display_name) names[wanted[i]] = String(c.display_name) })
  const acted = (await d.getMeta<Record<string, string>>(ACTED_KEY)) ?? {}
  return { nudges, names, acted }
}

/** Re-render every minute: snoozes end and days turn while the screen is open. */
function useMinute(): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const t = setInterval(() => setTick((x) => x + 1), 60_000)
    return () => clearInterval(t)
  }, [])
  return tick
}

export function Nudges() {
  useMinute()
  const stored = useLive(load, [], undefined)
  const at = now()
  if (!stored) return <Page title="Today"><p class="muted">Loading…</p></Page>
  const due = inbox(stored.nudges, at)
  const acted = actedToday(stored.nudges, at, stored.acted)
  return (
    <Page title="Today">
      <section aria-labelledby="due-title">
        <h2 id="due-title">To do {due.length ? <span class="count">({due.length})</span> : null}</h2>
        {due.length ? (
          <ul class="list nudges" data-testid="inbox">
            {due.map((n) => <NudgeCard key={n.id} n={n} names={stored.names} />)}
          </ul>
        ) : (
          <Empty>Nothing to do today. New suggestions appear here when it is time to act on them.</Empty>
        )}
      </section>
      {acted.length ? (
        <section aria-labelledby="acted-title">
          <h2 id="acted-title">Done today</h2>
          <ul class="list" data-testid="done-today">
            {acted.map((n) => <ActedItem key={n.id} n={n} names={stored.names} />)}
          </ul>
        </section>
      ) : null}
      <CalendarLink />
    </Page>
  )
}
