// A same-field conflict, any collection: this device's value and the other device's, with when
// the server took the other; the member chooses per field, and the choice is pushed on the
// server's version now (src/lib/outbox.ts `resolve`). Nothing is overwritten before that.
import { useState } from 'preact/hooks'

import type { Collection, FieldConflict, LocalRecord } from './lib/db'
import { resolve } from './lib/outbox'

export const shown = (value: unknown): string =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') || '—'
    : value === null || value === undefined || value === '' ? '—'
      : typeof value === 'object' ? JSON.stringify(value) : String(value)

export function ConflictPanel({ record, collection, label = (f) => f }: {
  record: LocalRecord; collection: Collection; label?: (field: string) => string
}) {
  const contact = record
  const conflicts = contact._conflicts ?? []
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({})
  const server = contact._server ?? {}
  const when = server.updated_at ? new Date(String(server.updated_at)).toLocaleString() : 'recently'
  const done = conflicts.every((c) => choices[c.field])
  return (
    <section class="card conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">Changed on another device too</h2>
      <p>Another of your devices changed {conflicts.length === 1 ? 'this field' : 'these fields'} (saved on the server {when},
        version {String(contact.version)}). Choose what to keep; nothing is overwritten until you do.</p>
      {conflicts.map((c: FieldConflict) => (
        <fieldset key={c.field} class="conflict-choice">
          <legend>{label(c.field)}</legend>
          <label><input type="radio" name={`c-${c.field}`} checked={choices[c.field] === 'mine'}
            onChange={() => setChoices({ ...choices, [c.field]: 'mine' })} /> This device: <strong>{shown(c.mine)}</strong></label>
          <label><input type="radio" name={`c-${c.field}`} checked={choices[c.field] === 'theirs'}
            onChange={() => setChoices({ ...choices, [c.field]: 'theirs' })} /> Other device: <strong>{shown(c.server_value)}</strong></label>
        </fieldset>
      ))}
      <button type="button" class="primary" disabled={!done} onClick={() => void resolve(collection, contact.id, choices)}>Keep my choice</button>
    </section>
  )
}
