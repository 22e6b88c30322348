// People: search and filter the network on the device (offline too), each with where it stands.
import { useState } from 'preact/hooks'

import { db } from '../lib/db'
import { useLive } from '../lib/live'
import { Empty, Field, Page, Select, StateBadge } from '../ui'
import { TIERS, filterContacts, type Filters } from './people'

const initialFilters = (): Filters => {
  const params = new URLSearchParams(location.search)
  return { q: params.get('q') ?? '', tier: params.get('tier') ?? '', tag: params.get('tag') ?? '',
    gathering: params.get('gathering') ?? '', state: params.get('state') ?? '' }
}

export function Contacts() {
  const [f, setF] = useState<Filters>(initialFilters)
  const contacts = useLive(() => db().contacts.toArray(), [], [])
  const gatherings = useLive(() => db().gatherings.filter((g) => !g._deleted).toArray(), [], [])
  const offers = useLive(() => db().duplicates.filter((o) => !o.dismissed).count(), [], 0)
  const tags = Array.from(new Set((contacts ?? []).flatMap((c) => (c.tags as string[]) ?? []))).sort()
  const shown = filterContacts(contacts ?? [], f)
  const set = (key: keyof Filters) => (value: string) => setF({ ...f, [key]: value })
  const gatheringName = Object.fromEntries((gatherings ?? []).map((g) => [g.id, String(g.name)]))
  return (
    <Page title="People" actions={<a href="/capture">Capture someone</a>}>
      {offers ? <p class="notice"><a href="/duplicates">{offers} possible duplicate{offers > 1 ? 's' : ''} to review</a></p> : null}
      <div role="search">
        <Field label="Search" type="search" value={f.q} onValue={set('q')} placeholder="Name, company, email, tag" />
        <div class="row">
          <Select label="Tier" value={f.tier} onValue={set('tier')} options={[['', 'Any tier'], ...TIERS]} />
          <Select label="Tag" value={f.tag} onValue={set('tag')} options={[['', 'Any tag'], ...tags.map((t): [string, string] => [t, t])]} />
          <Select label="Met at" value={f.gathering} onValue={set('gathering')}
            options={[['', 'Anywhere'], ...(gatherings ?? []).map((g): [string, string] => [g.id, String(g.name)])]} />
          <Select label="State" value={f.state} onValue={set('state')}
            options={[['', 'Any'], ['local', 'Saved on this device'], ['synced', 'Synced'], ['conflict', 'Conflict'], ['rejected', 'Not accepted']]} />
        </div>
      </div>
      <p class="muted" aria-live="polite">{shown.length} of {(contacts ?? []).filter((c) => !c._deleted).length} people</p>
      {shown.length ? (
        <ul class="list" aria-label="People">
          {shown.map((c) => (
            <li key={c.id}>
              <div class="grow">
                <a href={`/contacts/${c.id}`}><strong>{String(c.display_name)}</strong></a>
                <div class="muted">
                  {[c.title, c.company].filter(Boolean).join(' · ')}
                  {c.gathering_id && gatheringName[String(c.gathering_id)] ? ` · met at ${gatheringName[String(c.gathering_id)]}` : ''}
                </div>
              </div>
              <StateBadge state={c._state} />
            </li>
          ))}
        </ul>
      ) : <Empty>No one matches. Capture people where you meet them.</Empty>}
    </Page>
  )
}
