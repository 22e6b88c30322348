// Possible duplicates: what a push said of a new contact (`possible_duplicates`), and the
// server's own pairs (`GET /v1/duplicates`, fetched when online). One tap merges, offline too.
import { useEffect, useState } from 'preact/hooks'

import { get } from '../lib/api'
import { type DuplicateOffer, db } from '../lib/db'
import { useLive } from '../lib/live'
import { merge } from '../lib/outbox'
import { status } from '../lib/syncer'
import { Empty, Page } from '../ui'

interface Pair { contact_ids: string[]; reasons: string[]; contacts: { id: string; display_name: string }[] }

/** The server's pairs as offers: the contact known longest stays, the newer one merges into it. */
export async function fetchServerPairs(): Promise<void> {
  const page = await get<{ items: Pair[] }>('/v1/duplicates?limit=100')
  const created = async (id: string) => String((await db().contacts.get(id))?.created_at ?? '\uffff')
  const offers: DuplicateOffer[] = []
  for (const p of page.items.filter((pair) => pair.contacts.length === 2)) {
    const [x, y] = p.contacts
    const [keep, other] = (await created(y.id)) < (await created(x.id)) ? [y, x] : [x, y]
    offers.push({ id: `${keep.id}:${other.id}`, keep: keep.id, other: other.id,
      names: [keep.display_name, other.display_name], reasons: p.reasons })
  }
  const known = new Set((await db().duplicates.toArray()).flatMap((o) => [`${o.keep}:${o.other}`, `${o.other}:${o.keep}`]))
  const gone = new Set((await db().contacts.filter((c) => Boolean(c._deleted)).primaryKeys()))
  await db().duplicates.bulkPut(offers.filter((o) => !known.has(o.id) && !gone.has(o.keep) && !gone.has(o.other)))
}

export function Duplicates() {
  const offers = useLive(() => db().duplicates.filter((o) => !o.dismissed).toArray(), [], [])
  const [note, setNote] = useState('')
  useEffect(() => { fetchServerPairs().catch(() => setNote('Offline: showing what this device knows.')) }, [status.value.lastOk])
  return (
    <Page title="Possible duplicates">
      {note ? <p class="notice" role="status">{note}</p> : null}
      {offers?.length ? (
        <ul class="list" aria-label="Possible duplicates">
          {offers.map((o) => (
            <li key={o.id}>
              <div class="grow">
                <a href={`/contacts/${o.keep}`}>{o.names[0]}</a> and <a href={`/contacts/${o.other}`}>{o.names[1]}</a>
                <div class="muted">Same {o.reasons.map((r) => r.replace(/_/g, ' ')).join(', ')}</div>
              </div>
              <button type="button" class="primary" onClick={() => void merge(o.keep, o.other)}
                aria-label={`Merge ${o.names[1]} into ${o.names[0]}`}>Merge</button>
              <button type="button" class="link" onClick={() => void db().duplicates.update(o.id, { dismissed: true })}
                aria-label={`${o.names[0]} and ${o.names[1]} are not the same`}>Not the same</button>
            </li>
          ))}
        </ul>
      ) : <Empty>No possible duplicates.</Empty>}
    </Page>
  )
}
