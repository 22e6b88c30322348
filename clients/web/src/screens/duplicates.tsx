// Possible duplicates: what a push said of a new contact (`possible_duplicates`), and the
// server's own pairs (`GET /v1/duplicates`, fetched when online). One tap merges, offline too.
import { useEffect, useState } from 'preact/hooks'

import { db } from '../lib/db'
import { fetchServerPairs } from '../lib/duplicates'
import { useLive } from '../lib/live'
import { merge } from '../lib/outbox'
import { status } from '../lib/syncer'
import { Empty, Page } from '../ui'

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
