import { describe, expect, it } from 'vitest'

import {
  type Nudge, actedToday, byPriority, dismissFields, doneFields, inbox, isDue, pruneActed, snoozeUntil, valueText,
  whyRows,
} from '../src/screens/nudges/logic'
import { errorRow, exportPath, importType, progress, progressText, warningRow } from '../src/screens/settings/logic'

const nudge = (over: Partial<Nudge>): Nudge => ({
  id: over.id ?? 'n1', _state: 'synced', status: 'pending', priority: 3, timezone: 'UTC', ...over,
}) as Nudge

describe('which nudges are due today, in the member zone', () => {
  // 2026-05-04T22:30Z is already Tuesday 5 May in Tokyo (07:30), still Monday 4 May in New York (18:30)
  const at = new Date('2026-05-04T22:30:00Z')

  it('counts the day in the nudge’s own zone', () => {
    const due = '2026-05-05T00:30:00Z'  // Tue 09:30 in Tokyo, Mon 20:30 in New York
    expect(isDue(nudge({ due_at: due, timezone: 'Asia/Tokyo' }), at)).toBe(true)    // today there, later today
    expect(isDue(nudge({ due_at: due, timezone: 'America/New_York' }), at)).toBe(true) // later tonight
    expect(isDue(nudge({ due_at: '2026-05-05T13:30:00Z', timezone: 'America/New_York' }), at)).toBe(false) // tomorrow
    expect(isDue(nudge({ due_at: '2026-05-05T13:30:00Z', timezone: 'Asia/Tokyo' }), at)).toBe(true)   // 22:30 Tue
    expect(isDue(nudge({ due_at: '2026-05-05T15:30:00Z', timezone: 'Asia/Tokyo' }), at)).toBe(false)  // 00:30 Wed
  })

  it('keeps what is overdue, leaves out what is closed or deleted', () => {
    expect(isDue(nudge({ due_at: '2026-04-20T09:00:00Z' }), at)).toBe(true)
    for (const status of ['done', 'dismissed', 'withdrawn']) expect(isDue(nudge({ status, due_at: '2026-04-20T09:00:00Z' }), at)).toBe(false)
    expect(isDue(nudge({ _deleted: true, due_at: '2026-04-20T09:00:00Z' }), at)).toBe(false)
  })

  it('brings a snoozed nudge back once its snooze has passed, not before', () => {
    expect(isDue(nudge({ status: 'snoozed', due_at: '2026-04-20T09:00:00Z', snoozed_until: '2026-05-04T22:00:00Z' }), at)).toBe(true)
    expect(isDue(nudge({ status: 'snoozed', due_at: '2026-04-20T09:00:00Z', snoozed_until: '2026-05-04T23:00:00Z' }), at)).toBe(false)
  })

  it('sorts by priority, then by due time', () => {
    const list = inbox([
      nudge({ id: 'c', priority: 2, due_at: '2026-05-04T10:00:00Z' }),
      nudge({ id: 'a', priority: 1, due_at: '2026-05-04T12:00:00Z' }),
      nudge({ id: 'b', priority: 2, due_at: '2026-05-04T09:00:00Z' }),
      nudge({ id: 'later', priority: 1, due_at: '2026-05-06T09:00:00Z' }),
    ], at)
    expect(list.map((n) => n.id)).toEqual(['a', 'b', 'c'])
    expect(byPriority(nudge({ id: 'x' }), nudge({ id: 'y', priority: undefined }))).toBeLessThan(0)
  })
})

describe('done today', () => {
  const at = new Date('2026-05-04T15:00:00Z')
  it('shows what this device acted on, synced or not, and what was closed today', () => {
    const list = actedToday([
      nudge({ id: 'local', status: 'done', _state: 'local', updated_at: '2026-05-01T10:00:00Z' }),
      nudge({ id: 'here', status: 'dismissed', updated_at: '2026-05-01T10:00:00Z' }),
      nudge({ id: 'there', status: 'done', updated_at: '2026-05-04T08:00:00Z' }),
      nudge({ id: 'old', status: 'done', updated_at: '2026-05-01T10:00:00Z' }),
      nudge({ id: 'open', status: 'pending', _state: 'local' }),
      nudge({ id: 'back', status: 'snoozed', snoozed_until: '2026-05-04T14:00:00Z', _state: 'local' }),
      nudge({ id: 'later', status: 'snoozed', snoozed_until: '2026-05-05T09:00:00Z', _state: 'local' }),
    ], at, { here: '2026-05-04T14:59:00Z' })
    expect(list.map((n) => n.id).sort()).toEqual(['here', 'later', 'local', 'there'])
  })

  it('forgets acts older than two days', () => {
    expect(pruneActed({ a: '2026-05-04T10:00:00Z', b: '2026-05-01T10:00:00Z' }, at)).toEqual({ a: '2026-05-04T10:00:00Z' })
  })
})

describe('actions', () => {
  const at = new Date('2026-05-04T15:00:00.000Z')
  it('snoozes for whole days from now, in UTC', () => {
    expect(snoozeUntil(at, 1)).toBe('2026-05-05T15:00:00.000Z')
    expect(snoozeUntil(at, 3)).toBe('2026-05-07T15:00:00.000Z')
    expect(snoozeUntil(at, 7)).toBe('2026-05-11T15:00:00.000Z')
  })

  it('logs an interaction only for a nudge about a contact', () => {
    expect(doneFields(nudge({ contact_id: 'c1' }), 'coffee', ' good chat ')).toEqual({ status: 'done', interaction: { kind: 'coffee', note: 'good chat' } })
    expect(doneFields(nudge({ contact_id: 'c1' }), 'coffee', '')).toEqual({ status: 'done', interaction: { kind: 'coffee' } })
    expect(doneFields(nudge({ contact_id: null }), 'coffee', 'did it')).toEqual({ status: 'done', note: 'did it' })
    expect(doneFields(nudge({ contact_id: 'c1' }), '', '')).toEqual({ status: 'done' })
    expect(dismissFields('not_now', '')).toEqual({ status: 'dismissed', reason: 'not_now' })
  })
})

describe('why', () => {
  it('names contacts, leaves other ids out, writes dates in the zone', () => {
    const rows = whyRows({ rule: 'follow_up_after_meeting', summary: 's', data: {
      contact_id: 'c1', met_at: '2026-05-01T23:30:00Z', ladder_days: [3, 7, 30], gathering_id: null, gathering_name: null,
      helper_contact_id: 'c2',
    } }, { c1: 'Grace Hopper' }, 'Asia/Tokyo')
    expect(rows).toEqual([
      { key: 'contact_id', label: 'Contact', text: 'Grace Hopper', contactId: 'c1' },
      { key: 'met_at', label: 'Met at', text: '2026-05-02' },
      { key: 'ladder_days', label: 'Ladder days', text: '3, 7, 30' },
      { key: 'helper_contact_id', label: 'Helper', text: 'a contact', contactId: 'c2' },
    ])
    expect(valueText(true)).toBe('Yes')
    expect(valueText({ given: 1 })).toBe('Given: 1')
  })
})

describe('import progress', () => {
  const counts = { rows: 0, done: 0, created: 0, updated: 0, unchanged: 0, failed: 0 }
  it('is indeterminate until the rows are counted, then done of rows, full when done', () => {
    expect(progress({ status: 'queued', counts })).toEqual({ max: 1, percent: null })
    expect(progress({ status: 'running', counts: { ...counts, rows: 3, done: 1 } })).toEqual({ value: 1, max: 3, percent: 33 })
    expect(progress({ status: 'running', counts: { ...counts, rows: 3, done: 5 } })).toEqual({ value: 3, max: 3, percent: 100 })
    expect(progress({ status: 'done', counts: { ...counts, rows: 3, done: 3 } })).toEqual({ value: 3, max: 3, percent: 100 })
    expect(progress({ status: 'done', counts })).toEqual({ value: 1, max: 1, percent: 100 })
  })

  it('says it in words', () => {
    expect(progressText({ status: 'queued', counts })).toBe('Waiting to start…')
    expect(progressText({ status: 'running', counts: { ...counts, rows: 3, done: 2, created: 1, failed: 1 } }))
      .toBe('2 of 3 rows read: 1 new, 0 updated, 0 unchanged, 1 not imported')
    expect(progressText({ status: 'done', counts: { ...counts, rows: 1, done: 1, created: 1 } }))
      .toBe('1 row read: 1 new, 0 updated, 0 unchanged, 0 not imported')
  })

  it('lists each problem with its line and field', () => {
    expect(errorRow({ line: 8, message: 'line 8: emails: Not a valid email address.' }))
      .toEqual({ line: 8, field: 'emails', message: 'Not a valid email address.' })
    expect(errorRow({ line: 3, message: 'line 3: nothing names this person' }))
      .toEqual({ line: 3, field: '', message: 'nothing names this person' })
    expect(errorRow({ line: 14, message: 'line 14: display_name: nothing names the person' }))
      .toEqual({ line: 14, field: 'display name', message: 'nothing names the person' })
    expect(warningRow({ line: 4, field: 'TEL', value: 'abc', message: 'not a phone number' }))
      .toEqual({ line: 4, field: 'TEL', value: 'abc', message: 'not a phone number' })
  })

  it('knows the file types and the export addresses', () => {
    expect(importType('Contacts.VCF')).toBe('text/vcard')
    expect(importType('Connections.csv')).toBe('text/csv')
    expect(importType('x', 'text/x-vcard')).toBe('text/vcard')
    expect(importType('notes.txt', 'text/plain')).toBeNull()
    expect(exportPath('vcf', {})).toBe('/v1/exports/contacts.vcf')
    expect(exportPath('csv', { tier: 'peer', tag: ' climate ' })).toBe('/v1/exports/contacts.csv?tier=peer&tag=climate')
  })
})
