// The member's devices (their device sessions at accounts): this one, and the others, each of
// which can be signed out from here (a lost phone). This one is only ever signed out with a
// confirmation, through the same sign-out as the button below.
import { useEffect, useState } from 'preact/hooks'

import { cachedGet, request } from '../../lib/api'
import { status } from '../../lib/syncer'
import { ErrorNote, Stale } from '../../ui'

interface Device {
  id: string
  client_id?: string
  name?: string
  created_at?: string
  last_used_at?: string | null
  expires_at?: string
  current?: boolean
}

const CLIENTS: Record<string, string> = {
  'rapport-web': 'Web app',
  'rapport-android': 'Android app',
  'rapport-ios': 'iPhone app',
}

const date = (iso: string | null | undefined) => (iso ? new Date(Date.parse(iso)).toLocaleString() : 'never')

export function Devices({ thisDevice, onSignOut }: { thisDevice: string | undefined; onSignOut: () => void }) {
  const [answer, setAnswer] = useState<{ value: { items: Device[] }; at: string; stale: boolean } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const online = status.value.online

  const load = () => cachedGet<{ items: Device[] }>('/v1/devices').then(setAnswer, setError)
  useEffect(() => { void load() }, [])

  const revoke = async (d: Device) => {
    if (!confirm(`Sign out “${d.name || 'this device'}”? It will have to sign in again, and changes it has not synced are lost.`)) return
    setBusy(d.id); setError(null)
    try {
      await request('DELETE', `/v1/devices/${encodeURIComponent(d.id)}`)
      await load()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }

  const items = answer?.value.items ?? []
  const isThis = (d: Device) => d.current || d.id === thisDevice
  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">Devices</h2>
      {answer ? <Stale at={answer.at} stale={answer.stale} /> : null}
      {answer ? (
        <ul class="list" data-testid="devices">
          {[...items].sort((a, b) => Number(isThis(b)) - Number(isThis(a))).map((d) => (
            <li key={d.id}>
              <div class="grow">
                <p class="device-name">{d.name || CLIENTS[d.client_id ?? ''] || 'A device'}
                  {isThis(d) ? <span class="badge badge-this"> This device</span> : null}</p>
                <p class="muted">{CLIENTS[d.client_id ?? ''] ?? d.client_id} · signed in {date(d.created_at)} · last used {date(d.last_used_at)}</p>
              </div>
              {isThis(d)
                ? <button type="button" onClick={onSignOut}>Sign out here</button>
                : <button type="button" class="danger" disabled={!online || busy === d.id} onClick={() => revoke(d)}
                    aria-label={`Sign out ${d.name || 'this other device'}`}>Sign out</button>}
            </li>
          ))}
        </ul>
      ) : error ? null : <p class="muted">Loading…</p>}
      <ErrorNote error={error} />
    </section>
  )
}
