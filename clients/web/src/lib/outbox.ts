// Every change the member makes goes through here: written to the local record at once (the
// screen shows it, marked "saved on this device") and queued as a sync mutation for the server.
//
// Queue rules (docs/sync-protocol.md §4–5), so that a retry never duplicates and an edit never
// conflicts with the device's own earlier edit:
// - a mutation's id is made once, when it is queued; a mutation sent once is never changed again
//   (`sent`): every resend is the same body with the same `mutation_id`;
// - edits to a record whose queued mutation has not been sent yet are folded into that mutation;
// - `base_version` is the server version the member saw when editing (never a later one: that
//   would overwrite a change made on another device without a conflict).
import { nowIso } from './clock'
import { type Collection, type LocalRecord, type Mutation, type RapportDB, db, scopeOf } from './db'

export const newId = (): string => crypto.randomUUID()

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** The record's fields as this device shows them: the server's copy, then what waits. */
export function overlay(server: Record<string, unknown> | null | undefined, pending: Mutation[],
  conflicts: LocalRecord['_conflicts'] = []): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...(server ?? {}) }
  for (const c of conflicts ?? []) shown[c.field] = c.mine
  for (const m of pending) if (m.op === 'upsert') Object.assign(shown, m.fields)
  return shown
}

export function pendingFor(d: RapportDB, collection: Collection, id: string): Promise<Mutation[]> {
  return d.outbox.where('[collection+id]').equals([collection, id]).sortBy('seq')
}

/** Fields a mutation of the collection always names, changed or not: a nudge's status (the
 * server decides a nudge's change by its status: a new snooze time is a snooze). */
const TRAVELS_WITH_EVERY_CHANGE: Partial<Record<Collection, string[]>> = { nudges: ['status'] }

/** Create (`id` new) or edit a record. Only the fields that differ from what is shown are sent. */
export async function save(collection: Collection, id: string, fields: Record<string, unknown>,
  d: RapportDB = db()): Promise<LocalRecord> {
  const table = d.table_(collection)
  return d.transaction('rw', table, d.outbox, async () => {
    const row = await table.get(id)
    if (!row) {
      const created: LocalRecord = { ...fields, id, _server: null, _state: 'local' }
      await table.put(created)
      await queue(d, { collection, id, op: 'upsert', base_version: null, fields: { ...fields } })
      return created
    }
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !same(row[k], v)))
    if (Object.keys(changed).length === 0) return row
    for (const k of TRAVELS_WITH_EVERY_CHANGE[collection] ?? []) if (k in fields) changed[k] = fields[k]
    const edited: LocalRecord = { ...row, ...changed, _state: row._state === 'conflict' ? 'conflict' : 'local' }
    delete edited._problem
    await table.put(edited)
    const waiting = (await pendingFor(d, collection, id)).find((m) => !m.sent && m.op === 'upsert')
    if (waiting) {
      await d.outbox.update(waiting.seq!, { fields: { ...waiting.fields, ...changed }, client_time: nowIso() })
    } else {
      await queue(d, { collection, id, op: 'upsert', base_version: row.version ?? null, fields: changed })
    }
    return edited
  })
}

/** Delete a record. One never sent is simply forgotten: the server never knew it. */
export async function remove(collection: Collection, id: string, d: RapportDB = db()): Promise<void> {
  const table = d.table_(collection)
  await d.transaction('rw', table, d.outbox, async () => {
    const row = await table.get(id)
    if (!row) return
    const pending = await pendingFor(d, collection, id)
    const unsent = pending.filter((m) => !m.sent)
    await d.outbox.bulkDelete(unsent.map((m) => m.seq!))
    if (row.version === undefined && unsent.length === pending.length) {
      await table.delete(id)
      return
    }
    await table.put({ ...row, _deleted: true, _state: 'local' })
    await queue(d, { collection, id, op: 'delete', base_version: row.version ?? null })
  })
}

/** Give up the changes the server refused (or that wait): the device shows the server's copy
 * again. A mutation already sent stays queued: it is answered once, whatever happens here. */
export async function discard(collection: Collection, id: string, d: RapportDB = db()): Promise<void> {
  const table = d.table_(collection)
  await d.transaction('rw', table, d.outbox, async () => {
    const row = await table.get(id)
    if (!row) return
    const pending = await pendingFor(d, collection, id)
    await d.outbox.bulkDelete(pending.filter((m) => !m.sent).map((m) => m.seq!))
    if (!row._server) { await table.delete(id); return }
    const sent = pending.filter((m) => m.sent)
    await table.put({ ...overlay(row._server, sent), id, _server: row._server, version: row.version,
      _state: sent.length ? 'local' : 'synced' })
  })
}

/** Merge contact `other` into `keep` (the one that stays). This device shows `other`'s
 * interactions under `keep` at once; the server moves them itself. */
export async function merge(keep: string, other: string, d: RapportDB = db()): Promise<void> {
  await d.transaction('rw', [d.contacts, d.interactions, d.outbox, d.duplicates], async () => {
    const row = await d.contacts.get(other)
    if (!row || keep === other) return
    await d.contacts.put({ ...row, _deleted: true, merged_into: keep, _state: 'local' })
    await relink(d, other, keep)
    await queue(d, { collection: 'contacts', id: other, op: 'merge', merge_into: keep, base_version: row.version ?? null })
  })
}

/** Everything that pointed at contact `from` points at `to` (a merge, here or on the server). */
export async function relink(d: RapportDB, from: string, to: string): Promise<void> {
  const moved = await d.interactions.where('contact_id').equals(from).toArray()
  await d.interactions.bulkPut(moved.map((r) => ({ ...r, contact_id: to })))
  const waiting = await d.outbox.where('scope').equals('contacts').toArray()
  for (const m of waiting) {
    if (!m.sent && m.collection === 'interactions' && m.fields?.contact_id === from) {
      await d.outbox.update(m.seq!, { fields: { ...m.fields, contact_id: to } })
    }
  }
  await d.duplicates.where('other').equals(from).delete()
  await d.duplicates.where('keep').equals(from).delete()
}

let queued: () => void = () => {}

/** Called (outside the transaction) after each change is queued: the app syncs soon. */
export function onQueued(fn: () => void): void {
  queued = fn
}

async function queue(d: RapportDB, m: Omit<Mutation, 'mutation_id' | 'scope' | 'client_time'>): Promise<void> {
  await d.outbox.add({ ...m, mutation_id: newId(), scope: scopeOf(m.collection), client_time: nowIso() })
  setTimeout(() => queued(), 0)
}

/** The member's choice for each conflicting field: theirs (the server's value) or mine.
 * The choice is pushed as a new mutation on the server's version now. */
export async function resolve(collection: Collection, id: string, choices: Record<string, 'mine' | 'theirs'>,
  d: RapportDB = db()): Promise<void> {
  const table = d.table_(collection)
  await d.transaction('rw', table, d.outbox, async () => {
    const row = await table.get(id)
    if (!row || row._state !== 'conflict') return
    const keep = (row._conflict_fields ?? {}) as Record<string, unknown>
    const fields: Record<string, unknown> = { ...keep }
    for (const c of row._conflicts ?? []) {
      if (choices[c.field] === 'theirs') delete fields[c.field]
      else fields[c.field] = c.mine
    }
    const server = row._server ?? {}
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !same(server[k], v)))
    const pending = await pendingFor(d, collection, id)
    const resolved: LocalRecord = { ...row, ...overlay(server, pending), ...changed, _state: 'local' }
    delete resolved._conflicts
    delete resolved._conflict_fields
    delete resolved._conflict_at
    if (Object.keys(changed).length === 0 && pending.length === 0) resolved._state = 'synced'
    await table.put(resolved)
    if (Object.keys(changed).length) {
      await queue(d, { collection, id, op: 'upsert', base_version: row.version ?? null, fields: changed })
    }
  })
}
