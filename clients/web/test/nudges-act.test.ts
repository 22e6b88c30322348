import { beforeEach, describe, expect, it } from 'vitest'

import { setClock } from '../src/lib/clock'
import { RapportDB, useDb } from '../src/lib/db'
import { ACTED_KEY, act, giveUp } from '../src/screens/nudges/act'
import { type Nudge, isDue, snoozeUntil } from '../src/screens/nudges/logic'

let d: RapportDB
const at = Date.parse('2026-05-04T15:00:00Z')

beforeEach(async () => {
  d = new RapportDB(`t-${Math.random()}`)
  useDb(d)
  setClock(() => at)
  const server = { id: 'n1', version: 3, status: 'snoozed', snoozed_until: '2026-05-04T09:00:00Z', due_at: '2026-05-01T09:00:00Z',
    timezone: 'UTC', contact_id: 'c1', sentence: 'Follow up with Grace' }
  await d.nudges.put({ ...server, _server: server, _state: 'synced' })
})

describe('acting on a nudge, on this device', () => {
  it('leaves the inbox at once and queues one mutation on the version seen', async () => {
    const n = (await d.nudges.get('n1')) as Nudge
    expect(isDue(n, new Date(at))).toBe(true)
    await act(n, { status: 'done', interaction: { kind: 'coffee' } })
    const row = (await d.nudges.get('n1')) as Nudge
    expect(row.status).toBe('done')
    expect(row._state).toBe('local')
    expect(isDue(row, new Date(at))).toBe(false)
    const [m, ...rest] = await d.outbox.toArray()
    expect(rest).toEqual([])
    expect(m).toMatchObject({ scope: 'nudges', collection: 'nudges', id: 'n1', op: 'upsert', base_version: 3,
      fields: { status: 'done', interaction: { kind: 'coffee' } } })
    expect(Object.keys((await d.getMeta<Record<string, string>>(ACTED_KEY)) ?? {})).toEqual(['n1'])
  })

  it('snoozes a nudge back from a snooze with its status in the mutation', async () => {
    const n = (await d.nudges.get('n1')) as Nudge
    const until = snoozeUntil(new Date(at), 3)
    await act(n, { status: 'snoozed', snoozed_until: until })
    const queued = await d.outbox.toArray()
    expect(queued).toHaveLength(1)
    expect(queued[0].fields).toEqual({ status: 'snoozed', snoozed_until: until })
    expect(queued[0].base_version).toBe(3)
  })

  it('gives up a change the server refused: the server’s nudge is shown again', async () => {
    const n = (await d.nudges.get('n1')) as Nudge
    await act(n, { status: 'dismissed', reason: 'not_now' })
    await d.outbox.clear()  // the push answered rejected: the mutation is over
    await d.nudges.update('n1', { _state: 'rejected', _problem: { reason: 'nudge_closed' } })
    await giveUp((await d.nudges.get('n1')) as Nudge)
    const row = (await d.nudges.get('n1')) as Nudge
    expect(row).toMatchObject({ status: 'snoozed', _state: 'synced', version: 3 })
    expect(row.reason).toBeUndefined()
  })
})
