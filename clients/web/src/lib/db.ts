// The device's own store (IndexedDB through Dexie): every synced record, the queue of changes
// waiting to reach the server, and what the app remembers between sessions.
//
// A record row is the server's record as last seen (`_server`, at `version`) with this device's
// unsynced changes laid over it (the visible fields), and its state:
//   'synced'   nothing of it waits; the visible fields are the server's
//   'local'    saved on this device, waiting in the outbox
//   'conflict' the server refused a change because another device changed the same field
//   'rejected' the server refused a change for another reason (`_problem` says which)
import Dexie, { type Table } from 'dexie'

export type Scope = 'contacts' | 'nudges' | 'goals'
export type Collection =
  | 'contacts' | 'interactions' | 'gatherings'
  | 'nudges'
  | 'goals' | 'objectives' | 'plan'

export const SCOPES: Record<Scope, Collection[]> = {
  contacts: ['gatherings', 'contacts', 'interactions'],
  nudges: ['nudges'],
  goals: ['goals', 'objectives', 'plan'],
}

export function scopeOf(collection: Collection): Scope {
  for (const [scope, collections] of Object.entries(SCOPES)) {
    if (collections.includes(collection)) return scope as Scope
  }
  throw new Error(`no scope holds ${collection}`)
}

export type RecordState = 'synced' | 'local' | 'conflict' | 'rejected'

export interface FieldConflict {
  field: string
  mine: unknown
  server_value: unknown
  changed_in_version: number | null
}

export interface LocalRecord {
  id: string
  version?: number            // the server's version this device last saw (none: never synced)
  _server?: Record<string, unknown> | null
  _state: RecordState
  _deleted?: boolean          // deleted on this device, waiting to reach the server
  _conflicts?: FieldConflict[]
  _conflict_at?: string       // server time of the answer that reported the conflict
  _problem?: { reason: string; errors?: Record<string, unknown> }
  [field: string]: unknown
}

export type Op = 'upsert' | 'delete' | 'merge'

export interface Mutation {
  seq?: number
  mutation_id: string
  scope: Scope
  collection: Collection
  id: string
  op: Op
  base_version: number | null
  fields?: Record<string, unknown>
  merge_into?: string
  client_time: string
  sent?: boolean  // pushed at least once: its body is final, a resend is the same mutation
}

export interface DuplicateOffer {
  id: string         // `${keep}:${other}`
  keep: string       // the contact that stays (the older one)
  other: string      // the contact merged into it
  names: [string, string]
  reasons: string[]
  dismissed?: boolean  // the member said these are not the same person
}

export interface Meta { key: string; value: unknown }
export interface Cached { key: string; value: unknown; at: string }

export class RapportDB extends Dexie {
  contacts!: Table<LocalRecord, string>
  interactions!: Table<LocalRecord, string>
  gatherings!: Table<LocalRecord, string>
  nudges!: Table<LocalRecord, string>
  goals!: Table<LocalRecord, string>
  objectives!: Table<LocalRecord, string>
  plan!: Table<LocalRecord, string>
  outbox!: Table<Mutation, number>
  duplicates!: Table<DuplicateOffer, string>
  meta!: Table<Meta, string>
  cache!: Table<Cached, string>

  constructor(name = 'rapport') {
    super(name)
    this.version(1).stores({
      contacts: 'id, _state, display_name, tier, gathering_id, *tags, *emails',
      interactions: 'id, _state, contact_id, occurred_at, gathering_id',
      gatherings: 'id, _state, starts_on',
      nudges: 'id, _state, status, due_at, contact_id',
      goals: 'id, _state',
      objectives: 'id, _state',
      plan: 'id, _state',
      outbox: '++seq, scope, id, [collection+id]',
      duplicates: 'id, keep, other',
      meta: 'key',
      cache: 'key',
    })
  }

  table_(collection: Collection): Table<LocalRecord, string> {
    return this.table(collection) as Table<LocalRecord, string>
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.meta.get(key))?.value as T | undefined
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.meta.put({ key, value })
  }
}

export const RECORD_TABLES: Collection[] = Object.values(SCOPES).flat()

let current: RapportDB | null = null

/** The app's database (one per browser profile). Tests open their own with `openDb(name)`. */
export function db(): RapportDB {
  current ??= new RapportDB()
  return current
}

export function useDb(instance: RapportDB): void {
  current = instance
}

/** Every local trace of the member: on sign-out, and before a different member signs in. */
export async function wipe(instance: RapportDB = db()): Promise<void> {
  await instance.transaction('rw', instance.tables, async () => {
    await Promise.all(instance.tables.map((t) => t.clear()))
  })
}
