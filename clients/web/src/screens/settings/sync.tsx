// Where this device's records stand: how many of each kind are synced, saved here only, in
// conflict or not accepted; how many changes wait to be sent; when the last sync worked.
import { db, RECORD_TABLES, type RecordState } from '../../lib/db'
import { useLive } from '../../lib/live'
import { status, syncNow } from '../../lib/syncer'

const STATES: [RecordState, string][] = [
  ['synced', 'Synced'],
  ['local', 'Saved on this device'],
  ['conflict', 'Conflict'],
  ['rejected', 'Not accepted'],
]

const NAMES: Record<string, string> = {
  contacts: 'Contacts', interactions: 'Interactions', gatherings: 'Gatherings', nudges: 'Nudges',
  goals: 'Goals', objectives: 'Objectives', plan: 'Plan',
}

async function counts(): Promise<{ rows: [string, number[]][]; waiting: number; lastOk?: string }> {
  const d = db()
  const rows: [string, number[]][] = []
  for (const table of RECORD_TABLES) {
    rows.push([table, await Promise.all(STATES.map(([s]) => d.table_(table).where('_state').equals(s).count()))])
  }
  return { rows, waiting: await d.outbox.count(), lastOk: await d.getMeta<string>('sync.last_ok') }
}

export function SyncState() {
  const data = useLive(counts, [], undefined)
  const s = status.value
  const last = s.lastOk ?? data?.lastOk
  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">Sync</h2>
      <p data-testid="last-sync">Last synced: {last ? new Date(Date.parse(last)).toLocaleString() : 'not yet'}
        {s.running ? ' — syncing now…' : ''}</p>
      <p data-testid="outbox-count">{data ? (data.waiting ? `${data.waiting} change${data.waiting > 1 ? 's' : ''} waiting to be sent` : 'No change waiting to be sent') : ''}</p>
      {s.problem ? <p class="notice notice-error" role="alert">{s.problem}</p> : null}
      <button type="button" class="primary" onClick={() => void syncNow()} disabled={s.running || !s.online}>Sync now</button>
      {!s.online ? <p class="muted">Offline: changes are kept on this device and sent when the network returns.</p> : null}
      {data ? (
        <>
          <h3>Records on this device</h3>
          <ul class="list sync-counts" data-testid="record-states">
            {data.rows.map(([table, n]) => {
              const parts = STATES.map(([, text], i) => [text, n[i]] as const).filter(([, x]) => x > 0)
              return (
                <li key={table}>
                  <span class="grow">{NAMES[table] ?? table}</span>
                  <span>{parts.length ? parts.map(([text, x]) => `${x} ${text.toLowerCase()}`).join(', ') : 'none'}</span>
                </li>
              )
            })}
          </ul>
        </>
      ) : null}
    </section>
  )
}
