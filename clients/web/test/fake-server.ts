// An in-memory server that keeps the sync protocol's rules (docs/sync-protocol.md §4–6) for the
// engine's unit tests: versions, per-field versions and conflicts, receipts by (device, mutation
// id), merges with tombstones, a change log for pulls. Faults are switched on by the tests: no
// network, an answer lost after the writes, a 503.
import type { Scope } from '../src/lib/db'
import { type Answer, Offline, type Transport } from '../src/lib/sync'

interface Stored {
  collection: string
  id: string
  version: number
  fields: Record<string, unknown>
  fieldVersions: Record<string, number>
  deleted?: boolean
  merged_into?: string
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export class FakeServer {
  records = new Map<string, Stored>()
  log: { seq: number; key: string }[] = []
  receipts = new Map<string, Record<string, unknown>>()
  writes = 0
  pushes: unknown[] = []
  offline = false
  loseNextAnswer = false
  failNextPush = 0
  goneCursors = false
  time = '2026-12-02T09:00:00.000Z'

  transport(): Transport {
    return {
      push: async (scope, body) => this.push(scope, body as any),
      pull: async (scope, query) => this.pull(scope, query),
    }
  }

  private key(collection: string, id: string) { return `${collection}:${id}` }

  private touch(rec: Stored) {
    this.log.push({ seq: this.log.length + 1, key: this.key(rec.collection, rec.id) })
    this.writes += 1
  }

  record(collection: string, id: string) { return this.records.get(this.key(collection, id)) }

  private push(scope: Scope, body: { device_id: string; mutations: any[] }): Answer {
    if (this.offline) throw new Offline('no network')
    this.pushes.push(JSON.parse(JSON.stringify(body)))
    if (this.failNextPush > 0) { this.failNextPush -= 1; return { status: 503, body: { type: '/problems/unavailable', status: 503 } } }
    const results = body.mutations.map((m) => this.apply(scope, body.device_id, m))
    if (this.loseNextAnswer) { this.loseNextAnswer = false; throw new Offline('the answer was lost') }
    return { status: 200, body: { server_time: this.time, results } }
  }

  private apply(scope: Scope, device: string, m: any): Record<string, unknown> {
    const receipt = this.receipts.get(`${device}:${m.mutation_id}`)
    if (receipt) return { ...receipt, status: 'duplicate', first_status: receipt.status }
    const collection = scope === 'nudges' ? 'nudges' : m.collection
    const result = this.decide(collection, m)
    this.receipts.set(`${device}:${m.mutation_id}`, result)
    return result
  }

  private decide(collection: string, m: any): Record<string, unknown> {
    const echo = { mutation_id: m.mutation_id, id: m.id, collection }
    const rec = this.record(collection, m.id)
    if (m.op === 'delete' || m.op === 'merge') {
      if (!rec) return { ...echo, status: 'rejected', reason: 'not_found' }
      rec.deleted = true
      rec.version += 1
      if (m.op === 'merge') {
        rec.merged_into = m.merge_into
        for (const other of this.records.values()) {
          if (other.collection === 'interactions' && other.fields.contact_id === m.id) {
            other.fields.contact_id = m.merge_into; other.version += 1; other.fieldVersions.contact_id = other.version; this.touch(other)
          }
        }
      }
      this.touch(rec)
      return { ...echo, status: 'applied', version: rec.version }
    }
    if (!rec) {
      const target = collection === 'interactions' ? this.record('contacts', String(m.fields.contact_id)) : undefined
      const relinked = target?.merged_into
      if (relinked) m.fields = { ...m.fields, contact_id: relinked }
      const created: Stored = { collection, id: m.id, version: 1, fields: { ...m.fields },
        fieldVersions: Object.fromEntries(Object.keys(m.fields).map((f) => [f, 1])) }
      const dupes = collection === 'contacts' ? this.duplicatesOf(created) : []
      this.records.set(this.key(collection, m.id), created)
      this.touch(created)
      return { ...echo, status: 'applied', version: 1, ...(dupes.length ? { possible_duplicates: dupes } : {}),
        ...(relinked ? { relinked_to: relinked } : {}) }
    }
    if (rec.deleted) return { ...echo, status: 'rejected', reason: 'deleted', version: rec.version, merged_into: rec.merged_into ?? null }
    const base = m.base_version ?? 0
    if (base > rec.version) return { ...echo, status: 'rejected', reason: 'base_version_ahead', version: rec.version }
    const changed = Object.entries(m.fields ?? {}).filter(([f, v]) => !same(rec.fields[f], v))
    const conflicts = changed.filter(([f]) => (rec.fieldVersions[f] ?? 0) > base)
      .map(([f]) => ({ field: f, server_value: rec.fields[f], changed_in_version: rec.fieldVersions[f] }))
    if (conflicts.length) return { ...echo, status: 'conflict', version: rec.version, conflicts, record: this.wire(rec) }
    const wasAtBase = rec.version === base
    if (changed.length) {
      rec.version += 1
      for (const [f, v] of changed) { rec.fields[f] = v; rec.fieldVersions[f] = rec.version }
      this.touch(rec)
    }
    return { ...echo, status: wasAtBase ? 'applied' : 'merged', version: rec.version }
  }

  private duplicatesOf(created: Stored) {
    const emails = (created.fields.emails as string[] | undefined) ?? []
    return [...this.records.values()]
      .filter((r) => r.collection === 'contacts' && !r.deleted && ((r.fields.emails as string[] | undefined) ?? []).some((e) => emails.includes(e)))
      .map((r) => ({ id: r.id, display_name: String(r.fields.display_name), reasons: ['email'] }))
  }

  wire(rec: Stored): Record<string, unknown> {
    return { id: rec.id, version: rec.version, updated_at: this.time, ...rec.fields }
  }

  /** A write made on the server by someone else (another device, the REST API). */
  edit(collection: string, id: string, fields: Record<string, unknown>) {
    const rec = this.record(collection, id)!
    rec.version += 1
    for (const [f, v] of Object.entries(fields)) { rec.fields[f] = v; rec.fieldVersions[f] = rec.version }
    this.touch(rec)
  }

  private pull(scope: Scope, query: Record<string, string>): Answer {
    if (this.offline) throw new Offline('no network')
    if (this.goneCursors && query.cursor) return { status: 410, body: { type: '/problems/resync-required', status: 410 } }
    const after = Number(query.cursor ?? 0)
    const collections = scope === 'contacts' ? ['gatherings', 'contacts', 'interactions'] : scope === 'nudges' ? ['nudges'] : ['goals', 'objectives', 'plan']
    const changes: Record<string, { upserted: unknown[]; deleted: unknown[] }> = Object.fromEntries(collections.map((c) => [c, { upserted: [], deleted: [] }]))
    const seen = new Set<string>()
    for (const entry of [...this.log].reverse()) {
      if (entry.seq <= after || seen.has(entry.key)) continue
      seen.add(entry.key)
      const rec = this.records.get(entry.key)!
      if (!collections.includes(rec.collection)) continue
      if (rec.deleted) changes[rec.collection].deleted.push({ id: rec.id, version: rec.version, deleted_at: this.time, merged_into: rec.merged_into ?? null })
      else changes[rec.collection].upserted.push(this.wire(rec))
    }
    return { status: 200, body: { server_time: this.time, has_more: false, next_cursor: String(this.log.length), changes } }
  }
}
