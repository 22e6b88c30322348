// The sync queue and conflict handling, against the in-memory server (test/fake-server.ts):
// nothing sent twice, nothing lost, nothing overwritten silently.
import { beforeEach, describe, expect, it } from 'vitest'

import { setClock } from '../src/lib/clock'
import { RapportDB } from '../src/lib/db'
import { merge, remove, resolve, save } from '../src/lib/outbox'
import { SyncEngine } from '../src/lib/sync'
import { FakeServer } from './fake-server'

let server: FakeServer
let n = 0

function device(name: string) {
  const d = new RapportDB(`test-${name}-${++n}`)
  const engine = new SyncEngine(server.transport(), () => name, d)
  return { d, engine }
}

beforeEach(() => {
  server = new FakeServer()
  setClock(() => Date.parse('2026-12-02T09:00:00.000Z'))
})

describe('the outbox', () => {
  it('folds edits not yet sent into the queued mutation', async () => {
    const { d } = device('a')
    await save('contacts', 'c1', { display_name: 'Ada' }, d)
    await save('contacts', 'c1', { company: 'Analytical Engines' }, d)
    const queued = await d.outbox.toArray()
    expect(queued).toHaveLength(1)
    expect(queued[0].fields).toEqual({ display_name: 'Ada', company: 'Analytical Engines' })
    expect((await d.contacts.get('c1'))?._state).toBe('local')
  })

  it('queues only the fields that changed, on the version the member saw', async () => {
    const { d, engine } = device('a')
    await save('contacts', 'c1', { display_name: 'Ada', title: 'Analyst' }, d)
    await engine.run()
    await save('contacts', 'c1', { display_name: 'Ada', title: 'Countess' }, d)
    const [m] = await d.outbox.toArray()
    expect(m.fields).toEqual({ title: 'Countess' })
    expect(m.base_version).toBe(1)
  })

  it('forgets a record deleted before it was ever sent', async () => {
    const { d, engine } = device('a')
    await save('contacts', 'c1', { display_name: 'Ada' }, d)
    await remove('contacts', 'c1', d)
    expect(await d.outbox.count()).toBe(0)
    await engine.run()
    expect(server.pushes).toHaveLength(0)
  })
})

describe('pushing', () => {
  it('sends a gathering, a person met there and a coffee in one push, in order, once', async () => {
    const { d, engine } = device('a')
    await save('gatherings', 'g1', { name: 'PyCon', kind: 'conference' }, d)
    await save('contacts', 'c1', { display_name: 'Grace', gathering_id: 'g1' }, d)
    await save('interactions', 'i1', { contact_id: 'c1', kind: 'coffee', occurred_at: '2026-12-02T09:00:00Z' }, d)
    const report = await engine.run()
    expect(report.pushed).toBe(3)
    expect(server.pushes).toHaveLength(1)
    expect((server.pushes[0] as any).mutations.map((m: any) => m.collection)).toEqual(['gatherings', 'contacts', 'interactions'])
    expect(await d.outbox.count()).toBe(0)
    expect((await d.contacts.get('c1'))?._state).toBe('synced')
    expect((await d.contacts.get('c1'))?.version).toBe(1)
  })

  it('keeps everything queued while offline and sends it when the network returns', async () => {
    const { d, engine } = device('a')
    server.offline = true
    await save('contacts', 'c1', { display_name: 'Grace' }, d)
    const report = await engine.run()
    expect(report.offline).toBe(true)
    expect(await d.outbox.count()).toBe(1)
    server.offline = false
    await engine.run()
    expect(server.record('contacts', 'c1')?.version).toBe(1)
    expect(await d.outbox.count()).toBe(0)
  })

  it('resends the same mutation when an answer is lost: the server applies it once', async () => {
    const { d, engine } = device('a')
    await save('contacts', 'c1', { display_name: 'Grace' }, d)
    server.loseNextAnswer = true
    expect((await engine.run()).offline).toBe(true)
    expect(server.writes).toBe(1)
    await save('contacts', 'c1', { title: 'Rear Admiral' }, d)  // an edit made meanwhile waits apart
    await engine.run()
    const [first, second] = server.pushes as any[]
    expect(second.mutations[0]).toEqual(first.mutations[0])  // the same body, the same mutation_id
    expect(server.record('contacts', 'c1')?.fields).toEqual({ display_name: 'Grace', title: 'Rear Admiral' })
    expect(server.record('contacts', 'c1')?.version).toBe(2)  // created once, edited once: no conflict with itself
    expect((await d.contacts.get('c1'))?._state).toBe('synced')
  })

  it('retries after a 503 with the same mutations', async () => {
    const { d, engine } = device('a')
    await save('contacts', 'c1', { display_name: 'Grace' }, d)
    server.failNextPush = 1
    expect((await engine.run()).retryLater).toBe(true)
    expect(await d.outbox.count()).toBe(1)
    await engine.run()
    expect((server.pushes[1] as any).mutations[0].mutation_id).toBe((server.pushes[0] as any).mutations[0].mutation_id)
    expect(await d.outbox.count()).toBe(0)
  })

  it('offers a possible duplicate from the push answer', async () => {
    const { d, engine } = device('a')
    await save('contacts', 'c1', { display_name: 'Grace Hopper', emails: ['grace@navy.mil'] }, d)
    await engine.run()
    await save('contacts', 'c2', { display_name: 'G. Hopper', emails: ['grace@navy.mil'] }, d)
    await engine.run()
    const offers = await d.duplicates.toArray()
    expect(offers).toEqual([{ id: 'c1:c2', keep: 'c1', other: 'c2', names: ['Grace Hopper', 'G. Hopper'], reasons: ['email'] }])
  })

  it('an edit of a record deleted on the server meanwhile: deletes win', async () => {
    const { d, engine } = device('a')
    await save('contacts', 'c1', { display_name: 'Grace' }, d)
    await engine.run()
    server.records.get('contacts:c1')!.deleted = true
    await save('contacts', 'c1', { title: 'Admiral' }, d)
    await engine.run()
    expect(await d.contacts.get('c1')).toBeUndefined()  // deletes win: the pull's tombstone took it away
  })
})

describe('conflicts', () => {
  it('shows both values of a field changed on two devices, and pushes the choice on the new version', async () => {
    const a = device('a')
    const b = device('b')
    await save('contacts', 'c1', { display_name: 'Grace', title: 'Captain' }, a.d)
    await a.engine.run()
    await b.engine.run()
    await save('contacts', 'c1', { title: 'Commodore' }, a.d)
    await save('contacts', 'c1', { title: 'Rear Admiral', company: 'US Navy' }, b.d)
    await a.engine.run()
    const report = await b.engine.run()
    expect(report.conflicts).toBe(1)
    const row = (await b.d.contacts.get('c1'))!
    expect(row._state).toBe('conflict')
    expect(row._conflicts).toEqual([{ field: 'title', mine: 'Rear Admiral', server_value: 'Commodore', changed_in_version: 2 }])
    expect(row.title).toBe('Rear Admiral')  // the member's value stays shown until they choose
    expect(server.record('contacts', 'c1')?.fields.company).toBeUndefined()  // nothing of the mutation written

    await b.engine.run()  // a pull meanwhile does not lose the conflict
    expect((await b.d.contacts.get('c1'))?._state).toBe('conflict')

    await resolve('contacts', 'c1', { title: 'mine' }, b.d)
    const [m] = await b.d.outbox.toArray()
    expect(m.base_version).toBe(2)
    expect(m.fields).toEqual({ title: 'Rear Admiral', company: 'US Navy' })
    await b.engine.run()
    await a.engine.run()
    const expected = { display_name: 'Grace', title: 'Rear Admiral', company: 'US Navy' }
    expect(server.record('contacts', 'c1')?.fields).toEqual(expected)
    for (const dev of [a, b]) {
      const r = (await dev.d.contacts.get('c1'))!
      expect({ display_name: r.display_name, title: r.title, company: r.company }).toEqual(expected)
      expect(r._state).toBe('synced')
      expect(r.version).toBe(3)
    }
  })

  it('taking the other device\'s value sends nothing and ends equal to the server', async () => {
    const a = device('a')
    const b = device('b')
    await save('contacts', 'c1', { display_name: 'Grace', title: 'Captain' }, a.d)
    await a.engine.run()
    await b.engine.run()
    await save('contacts', 'c1', { title: 'Commodore' }, a.d)
    await save('contacts', 'c1', { title: 'Rear Admiral' }, b.d)
    await a.engine.run()
    await b.engine.run()
    await resolve('contacts', 'c1', { title: 'theirs' }, b.d)
    expect(await b.d.outbox.count()).toBe(0)
    const row = (await b.d.contacts.get('c1'))!
    expect(row.title).toBe('Commodore')
    expect(row._state).toBe('synced')
  })

  it('merges edits of different fields without asking', async () => {
    const a = device('a')
    const b = device('b')
    await save('contacts', 'c1', { display_name: 'Grace' }, a.d)
    await a.engine.run()
    await b.engine.run()
    await save('contacts', 'c1', { title: 'Commodore' }, a.d)
    await save('contacts', 'c1', { company: 'US Navy' }, b.d)
    await a.engine.run()
    await b.engine.run()
    await a.engine.run()
    for (const dev of [a, b]) {
      const r = (await dev.d.contacts.get('c1'))!
      expect([r.title, r.company, r._state]).toEqual(['Commodore', 'US Navy', 'synced'])
    }
  })
})

describe('pulling', () => {
  it('re-links interactions when a contact was merged on another device', async () => {
    const a = device('a')
    const b = device('b')
    await save('contacts', 'keep', { display_name: 'Grace Hopper' }, a.d)
    await save('contacts', 'dup', { display_name: 'G. Hopper' }, a.d)
    await save('interactions', 'i1', { contact_id: 'dup', kind: 'coffee', occurred_at: '2026-12-01T10:00:00Z' }, a.d)
    await a.engine.run()
    await b.engine.run()
    await merge('keep', 'dup', b.d)
    expect((await b.d.interactions.get('i1'))?.contact_id).toBe('keep')  // at once, on the merging device
    await b.engine.run()
    await a.engine.run()
    expect(await a.d.contacts.get('dup')).toBeUndefined()
    expect((await a.d.interactions.get('i1'))?.contact_id).toBe('keep')
  })

  it('re-links an interaction pushed for a contact merged meanwhile (the server says relinked_to)', async () => {
    const a = device('a')
    const b = device('b')
    await save('contacts', 'keep', { display_name: 'Grace Hopper' }, a.d)
    await save('contacts', 'dup', { display_name: 'G. Hopper' }, a.d)
    await a.engine.run()
    await b.engine.run()
    await merge('keep', 'dup', b.d)
    await b.engine.run()
    await save('interactions', 'i2', { contact_id: 'dup', kind: 'call', occurred_at: '2026-12-02T08:00:00Z' }, a.d)
    server.offline = true
    await a.engine.run()
    server.offline = false
    await a.engine.run()
    expect(server.record('interactions', 'i2')?.fields.contact_id).toBe('keep')
    expect((await a.d.interactions.get('i2'))?.contact_id).toBe('keep')
  })

  it('keeps local changes through a pull and a resync from scratch', async () => {
    const { d, engine } = device('a')
    await save('contacts', 'c1', { display_name: 'Grace' }, d)
    await engine.run()
    server.edit('contacts', 'c1', { title: 'Commodore' })
    server.offline = true
    await save('contacts', 'c2', { display_name: 'Ada' }, d)
    await engine.run()
    server.offline = false
    server.goneCursors = true
    await engine.run()
    server.goneCursors = false
    expect((await d.contacts.get('c1'))?.title).toBe('Commodore')
    expect((await d.contacts.get('c2'))?._state).toBe('synced')
    expect(server.record('contacts', 'c2')?.version).toBe(1)
  })

  it('applies a newer server version under a waiting edit, keeping the edit shown', async () => {
    const { d, engine } = device('a')
    await save('contacts', 'c1', { display_name: 'Grace' }, d)
    await engine.run()
    server.edit('contacts', 'c1', { company: 'US Navy' })
    server.offline = true
    await save('contacts', 'c1', { title: 'Commodore' }, d)
    server.offline = false
    // pull first (as if the push had failed), then the push merges
    const row = await d.contacts.get('c1')
    expect(row?.title).toBe('Commodore')
    await engine.run()
    const after = (await d.contacts.get('c1'))!
    expect([after.company, after.title, after._state]).toEqual(['US Navy', 'Commodore', 'synced'])
  })
})
