// The sync engine: pushes the outbox and pulls each scope (docs/sync-protocol.md), one run at a
// time. It talks to the server through a `Transport` (src/lib/api.ts in the app, an in-memory
// server in the unit tests) and keeps its whole state in the device's database, so a run cut
// short — the network gone, the tab closed — is simply continued by the next one.
//
// What the protocol asks of an app, and where it is done here:
// - a resend is the same mutation (same `mutation_id`, same body): `sent` freezes a mutation
//   before its first push; a 5xx or a lost answer leaves it queued, and the next run sends it again;
// - a push holds at most one mutation per record (the outbox folds edits not yet sent), and
//   stops before the second: the next push goes once this one is answered, on the new version;
// - results: applied/merged/duplicate end the mutation; conflict keeps both values for the
//   member to choose; rejected marks the record (server_error stays queued to be decided again);
// - a pull applies each page whole, then moves the cursor; 410 and invalid cursors start over.
import { noteServerTime, nowIso } from './clock'
import {
  type Collection, type DuplicateOffer, type LocalRecord, type Mutation, type RapportDB, type Scope,
  SCOPES, db,
} from './db'
import { overlay, pendingFor, relink } from './outbox'

export const SCHEMA_VERSION = 1
export const MAX_PUSH = 100
const PULL_LIMIT = 200

export interface Answer { status: number; body: any }

export interface Transport {
  push(scope: Scope, body: unknown): Promise<Answer>
  pull(scope: Scope, query: Record<string, string>): Promise<Answer>
}

/** No network (fetch failed): the run stops and nothing is lost. */
export class Offline extends Error {}

/** A refusal the app cannot fix by retrying (signed out, revoked, needs an update). */
export class Stopped extends Error {
  constructor(readonly slug: string, message: string) { super(message) }
}

export interface RunReport {
  pushed: number
  pulled: number
  conflicts: number
  rejected: number
  offline: boolean
  retryLater: boolean
}

interface Result {
  mutation_id: string | null
  id: string | null
  status: string
  first_status?: string
  version?: number
  reason?: string
  errors?: Record<string, unknown>
  conflicts?: { field: string; server_value: unknown; changed_in_version?: number }[]
  record?: Record<string, unknown>
  possible_duplicates?: { id: string; display_name: string; reasons: string[] }[]
  merged_into?: string | null
  relinked_to?: string | null
}

const slugOf = (body: any): string => String(body?.type ?? '').replace(/^.*\/problems\//, '')

export class SyncEngine {
  constructor(private readonly transport: Transport, private readonly deviceId: () => Promise<string | null> | string | null,
    private readonly d: RapportDB = db()) {}

  /** Push everything queued, then pull every scope. Throws Stopped; returns a report otherwise. */
  async run(): Promise<RunReport> {
    const report: RunReport = { pushed: 0, pulled: 0, conflicts: 0, rejected: 0, offline: false, retryLater: false }
    try {
      for (const scope of Object.keys(SCOPES) as Scope[]) await this.pushScope(scope, report)
      for (const scope of Object.keys(SCOPES) as Scope[]) await this.pullScope(scope, report)
      await this.d.setMeta('sync.last_ok', nowIso())
    } catch (err) {
      if (err instanceof Offline) report.offline = true
      else throw err
    }
    return report
  }

  // -- push ----------------------------------------------------------------------------------

  private async pushScope(scope: Scope, report: RunReport): Promise<void> {
    let limit = MAX_PUSH
    for (;;) {
      const batch = await this.nextBatch(scope, limit)
      if (!batch.length) return
      await this.d.outbox.bulkUpdate(batch.filter((m) => !m.sent).map((m) => ({ key: m.seq!, changes: { sent: true } })))
      const answer = await this.transport.push(scope, {
        device_id: await this.deviceId(), mutations: batch.map((m) => wire(scope, m)),
      })
      noteServerTime(answer.body?.server_time)
      if (answer.status === 413 && limit > 1) { limit = Math.max(1, Math.floor(limit / 2)); continue }
      if (answer.status >= 500 || answer.status === 429) { report.retryLater = true; return }
      if (answer.status !== 200) throw refusal(answer)
      const again = await this.applyResults(batch, answer.body.results as Result[], answer.body.server_time, report)
      if (again) { report.retryLater = true; return }
    }
  }

  /** The queued mutations in order, up to the first one on a record already in the batch. */
  private async nextBatch(scope: Scope, limit: number): Promise<Mutation[]> {
    const queued = await this.d.outbox.where('scope').equals(scope).sortBy('seq')
    const batch: Mutation[] = []
    const seen = new Set<string>()
    for (const m of queued) {
      const key = `${m.collection}:${m.id}`
      if (seen.has(key) || batch.length >= limit) break
      seen.add(key)
      batch.push(m)
    }
    return batch
  }

  /** Apply one push's results. True when a mutation is to be decided again later. */
  private async applyResults(batch: Mutation[], results: Result[], serverTime: string, report: RunReport): Promise<boolean> {
    let again = false
    const tables = Array.from(new Set(batch.map((m) => this.d.table_(m.collection))))
    await this.d.transaction('rw', [...tables, this.d.outbox, this.d.interactions, this.d.duplicates, this.d.contacts], async () => {
      for (const [i, m] of batch.entries()) {
        const r = results[i]
        if (!r) { again = true; continue }
        const status = r.status === 'duplicate' ? (r.first_status ?? 'applied') : r.status
        if (status === 'rejected' && r.reason === 'server_error') { again = true; continue }
        await this.d.outbox.delete(m.seq!)
        report.pushed += 1
        if (status === 'applied' || status === 'merged') await this.written(m, r, status)
        else if (status === 'conflict') { report.conflicts += 1; await this.conflicted(m, r, serverTime) }
        else { report.rejected += 1; await this.rejected(m, r) }
      }
    })
    return again
  }

  private async written(m: Mutation, r: Result, status: string): Promise<void> {
    const table = this.d.table_(m.collection)
    const row = await table.get(m.id)
    if (m.op !== 'upsert') {
      if (row) await table.delete(m.id)
      return
    }
    if (r.possible_duplicates?.length && row) await this.offerDuplicates(row, r.possible_duplicates)
    if (!row) return
    const pending = await pendingFor(this.d, m.collection, m.id)
    if (status === 'applied') {  // the server is now exactly what it was at base_version, plus this
      for (const later of pending) {
        if (!later.sent && later.base_version === m.base_version) await this.d.outbox.update(later.seq!, { base_version: r.version })
      }
    }
    const relinked = r.relinked_to ? { contact_id: r.relinked_to } : {}
    const server = r.record ?? { ...(row._server ?? {}), ...m.fields, ...relinked, id: m.id, version: r.version }
    const updated: LocalRecord = {
      ...row, ...overlay(server, pending, row._conflicts), _server: server, version: r.version ?? row.version,
      _state: row._state === 'conflict' ? 'conflict' : pending.length ? 'local' : 'synced',
    }
    delete updated._problem
    await table.put(updated)
  }

  private async conflicted(m: Mutation, r: Result, serverTime: string): Promise<void> {
    const table = this.d.table_(m.collection)
    const row = await table.get(m.id)
    if (!row) return
    const mine = m.fields ?? {}
    const server = r.record ?? row._server ?? {}
    const conflicts = (r.conflicts ?? []).map((c) => ({
      field: c.field, mine: mine[c.field], server_value: c.server_value, changed_in_version: c.changed_in_version ?? null,
    }))
    const pending = await pendingFor(this.d, m.collection, m.id)
    await table.put({
      ...row, ...overlay(server, pending, conflicts), _server: server, version: r.version ?? row.version,
      _state: 'conflict', _conflicts: conflicts, _conflict_fields: mine, _conflict_at: serverTime,
    })
  }

  private async rejected(m: Mutation, r: Result): Promise<void> {
    const table = this.d.table_(m.collection)
    const row = await table.get(m.id)
    if (!row) return
    if (r.reason === 'deleted' || (r.reason === 'not_found' && m.op !== 'upsert')) {  // deletes win
      await table.delete(m.id)
      if (m.collection === 'contacts' && r.merged_into) await relink(this.d, m.id, r.merged_into)
      return
    }
    await table.put({ ...row, _state: 'rejected', _problem: { reason: r.reason ?? 'invalid', errors: r.errors } })
  }

  private async offerDuplicates(row: LocalRecord, hints: NonNullable<Result['possible_duplicates']>): Promise<void> {
    await this.d.duplicates.bulkPut(hints.map((h): DuplicateOffer => ({
      id: `${h.id}:${row.id}`, keep: h.id, other: row.id, names: [h.display_name, String(row.display_name ?? '')],
      reasons: h.reasons,
    })))
  }

  // -- pull ----------------------------------------------------------------------------------

  private async pullScope(scope: Scope, report: RunReport): Promise<void> {
    const key = `cursor.${scope}`
    for (let pages = 0; pages < 10_000; pages++) {
      const cursor = await this.d.getMeta<string>(key)
      const query: Record<string, string> = { limit: String(PULL_LIMIT) }
      if (cursor) query.cursor = cursor
      const device = await this.deviceId()
      if (device) query.device_id = device
      const answer = await this.transport.pull(scope, query)
      noteServerTime(answer.body?.server_time)
      const slug = slugOf(answer.body)
      if (answer.status === 410 || (answer.status === 400 && slug === 'invalid-cursor')) {
        await this.startOver(scope, answer.status === 410)
        continue
      }
      if (answer.status >= 500 || answer.status === 429) { report.retryLater = true; return }
      if (answer.status !== 200) throw refusal(answer)
      report.pulled += await this.applyPage(scope, answer.body.changes ?? {}, answer.body.next_cursor)
      if (!answer.body.has_more) return
    }
  }

  /** One page, whole, then the cursor: a page cut short is pulled again, never half-applied. */
  private async applyPage(scope: Scope, changes: Record<string, { upserted?: any[]; deleted?: any[] }>,
    nextCursor: string): Promise<number> {
    let count = 0
    const tables = SCOPES[scope].map((c) => this.d.table_(c))
    await this.d.transaction('rw', [...tables, this.d.outbox, this.d.meta, this.d.interactions, this.d.duplicates], async () => {
      for (const collection of SCOPES[scope]) {
        const page = changes[collection] ?? {}
        for (const server of page.upserted ?? []) { await this.upserted(collection, server); count++ }
        for (const stone of page.deleted ?? []) { await this.deleted(collection, stone); count++ }
      }
      await this.d.setMeta(`cursor.${scope}`, nextCursor)
    })
    return count
  }

  private async upserted(collection: Collection, server: Record<string, unknown>): Promise<void> {
    const table = this.d.table_(collection)
    const id = String(server.id)
    const row = await table.get(id)
    const pending = await pendingFor(this.d, collection, id)
    if (row && typeof row.version === 'number' && typeof server.version === 'number' && server.version < row.version) return
    if (!pending.length && row?._state !== 'conflict') {
      await table.put({ ...server, id, _server: server, _state: 'synced' } as LocalRecord)
      return
    }
    const base = row ?? ({ id, _state: 'local' } as LocalRecord)
    await table.put({ ...base, ...overlay(server, pending, base._conflicts), _server: server, version: server.version as number })
  }

  private async deleted(collection: Collection, stone: { id: string; merged_into?: string | null }): Promise<void> {
    const table = this.d.table_(collection)
    const pending = await pendingFor(this.d, collection, stone.id)
    await this.d.outbox.bulkDelete(pending.filter((m) => !m.sent).map((m) => m.seq!))  // deletes win
    await table.delete(stone.id)
    if (collection === 'contacts' && stone.merged_into) await relink(this.d, stone.id, stone.merged_into)
  }

  /** 410 (or a cursor the server does not know): pull everything again. Records with changes
   * still queued stay (pushes do not depend on the cursor); the rest is dropped and pulled anew. */
  private async startOver(scope: Scope, dropSynced: boolean): Promise<void> {
    await this.d.transaction('rw', [...SCOPES[scope].map((c) => this.d.table_(c)), this.d.meta], async () => {
      await this.d.meta.delete(`cursor.${scope}`)
      if (!dropSynced) return
      for (const c of SCOPES[scope]) await this.d.table_(c).where('_state').equals('synced').delete()
    })
  }
}

/** A mutation as the wire has it: nudges carry no collection (docs/sync-protocol.md §9). */
function wire(scope: Scope, m: Mutation): Record<string, unknown> {
  const out: Record<string, unknown> = { mutation_id: m.mutation_id, id: m.id, op: m.op, client_time: m.client_time }
  if (scope !== 'nudges') out.collection = m.collection
  if (m.base_version !== null) out.base_version = m.base_version
  if (m.op === 'upsert') out.fields = m.fields
  if (m.op === 'merge') out.merge_into = m.merge_into
  return out
}

function refusal(answer: Answer): Stopped {
  const slug = slugOf(answer.body) || `http-${answer.status}`
  return new Stopped(slug, answer.body?.detail ?? answer.body?.title ?? `the server answered ${answer.status}`)
}
