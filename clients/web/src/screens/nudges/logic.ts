// What the Today screen shows, as pure functions of the stored nudges and an instant (the
// screen passes `now()`): which nudges are due, in which order, what was acted on today, when a
// snooze ends, and the words for each choice.
import { dayIn } from '../../lib/clock'
import type { LocalRecord } from '../../lib/db'

export type Nudge = LocalRecord & {
  kind?: string
  rule?: string
  contact_id?: string | null
  goal_id?: string | null
  sentence?: string
  why?: Why | null
  priority?: number
  due_at?: string | null
  due_local?: string | null
  timezone?: string | null
  status?: string
  snoozed_until?: string | null
  reason?: string | null
  note?: string | null
  updated_at?: string | null
}

export interface Why {
  rule?: string
  summary?: string
  data?: Record<string, unknown>
}

export const INTERACTION_KINDS: [string, string][] = [
  ['met', 'Met in person'],
  ['call', 'Call'],
  ['coffee', 'Coffee'],
  ['message', 'Message'],
  ['meeting', 'Meeting'],
  ['intro_made', 'Made an introduction'],
  ['help_given', 'Helped them'],
  ['help_received', 'They helped me'],
]

export const DISMISS_REASONS: [string, string][] = [
  ['not_relevant', 'Not relevant to me'],
  ['not_now', 'Not now'],
  ['already_done', 'Already done'],
  ['too_many', 'Too many nudges like this'],
  ['other', 'Another reason'],
]

export const SNOOZES: [number, string][] = [
  [1, '1 day'],
  [3, '3 days'],
  [7, '1 week'],
]

const RULES: Record<string, string> = {
  follow_up_after_meeting: 'Follow-up after meeting someone',
  keep_in_touch: 'Keep in touch',
  give_first: 'Give first',
  goal_gap: 'A gap in your goal',
  find_mentor: 'Find a mentor',
  reciprocity: 'Give back',
  weekly_check_in: 'Weekly check-in',
}

const DAY_MS = 86_400_000

const instant = (iso: string | null | undefined): number | null => {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** The moment a nudge is next due: its snooze's end while snoozed, else its due time. */
export function dueAt(n: Nudge): number | null {
  return n.status === 'snoozed' ? instant(n.snoozed_until) : instant(n.due_at)
}

/** In the inbox at `at`: pending and due on the member's day (in the nudge's zone) or earlier,
 * or snoozed with the snooze over. */
export function isDue(n: Nudge, at: Date): boolean {
  if (n._deleted) return false
  if (n.status === 'pending') {
    const due = instant(n.due_at)
    if (due === null) return true
    const tz = n.timezone || undefined
    return dayIn(new Date(due), tz) <= dayIn(at, tz)
  }
  if (n.status === 'snoozed') {
    const until = instant(n.snoozed_until)
    return until !== null && until <= at.getTime()
  }
  return false
}

/** Most important first (priority 1 … 5), then the earliest due. */
export function byPriority(a: Nudge, b: Nudge): number {
  const pa = a.priority ?? 5
  const pb = b.priority ?? 5
  if (pa !== pb) return pa - pb
  const da = dueAt(a) ?? Infinity
  const db = dueAt(b) ?? Infinity
  if (da !== db) return da < db ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function inbox(nudges: Nudge[], at: Date): Nudge[] {
  return nudges.filter((n) => isDue(n, at)).sort(byPriority)
}

/** Acted on today (in the nudge's zone): done, dismissed, or snoozed for later. `acted` holds
 * when this device acted on each nudge (the server's `updated_at` only arrives with a pull). */
export function actedToday(nudges: Nudge[], at: Date, acted: Record<string, string> = {}): Nudge[] {
  return nudges.filter((n) => {
    if (n._deleted || n.status === 'pending' || n.status === 'withdrawn') return false
    if (n.status === 'snoozed' && isDue(n, at)) return false
    if (n._state !== 'synced') return true
    const tz = n.timezone || undefined
    const today = dayIn(at, tz)
    return [acted[n.id], n.updated_at].some((iso) => {
      const t = instant(iso)
      return t !== null && dayIn(new Date(t), tz) === today
    })
  }).sort((a, b) => (acted[b.id] ?? b.updated_at ?? '').localeCompare(acted[a.id] ?? a.updated_at ?? ''))
}

/** The end of a snooze of `days` days from `at`, as the wire has it (UTC). The server moves it
 * into the member's working hours. */
export function snoozeUntil(at: Date, days: number): string {
  return new Date(at.getTime() + days * DAY_MS).toISOString()
}

/** Keep only the acts of the last two days (the map lives in the device's meta table). */
export function pruneActed(acted: Record<string, string>, at: Date): Record<string, string> {
  const since = at.getTime() - 2 * DAY_MS
  return Object.fromEntries(Object.entries(acted).filter(([, iso]) => (instant(iso) ?? 0) >= since))
}

/** The fields a Done sends: an interaction only for a nudge about a contact. */
export function doneFields(n: Nudge, kind: string, note: string): Record<string, unknown> {
  const text = note.trim()
  const fields: Record<string, unknown> = { status: 'done' }
  if (kind && n.contact_id) {
    fields.interaction = text ? { kind, note: text } : { kind }
  } else if (text) {
    fields.note = text
  }
  return fields
}

export function dismissFields(reason: string, note: string): Record<string, unknown> {
  const text = note.trim()
  return text ? { status: 'dismissed', reason, note: text } : { status: 'dismissed', reason }
}

export const label = (pairs: [string, string][], value: string | null | undefined): string =>
  pairs.find(([v]) => v === value)?.[1] ?? String(value ?? '')

export const ruleName = (rule: string | null | undefined): string =>
  RULES[rule ?? ''] ?? words(rule ?? 'Rule')

/** `met_at` → "Met at". */
export function words(key: string): string {
  const text = key.replace(/_/g, ' ').trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}

const ISO = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

/** A value of `why.data` in words. Dates in the member's zone. */
export function valueText(value: unknown, tz?: string | null): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    if (ISO.test(value) && value.includes('T')) {
      const t = Date.parse(value)
      if (!Number.isNaN(t)) return dayIn(new Date(t), tz || undefined)
    }
    return value
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(v, tz)).join(', ') : '—'
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${words(k)}: ${valueText(v, tz)}`).join('; ')
  }
  return String(value)
}

export interface WhyRow { key: string; label: string; text: string; contactId?: string }

/** The data behind a nudge as rows: ids of contacts become names (when the device knows them),
 * other ids are left out (their titles and names are in the data already). */
export function whyRows(why: Why | null | undefined, names: Record<string, string>, tz?: string | null): WhyRow[] {
  const rows: WhyRow[] = []
  for (const [key, value] of Object.entries(why?.data ?? {})) {
    if (key.endsWith('contact_id')) {
      if (typeof value !== 'string' || !value) continue
      const person = key === 'contact_id' ? 'Contact' : words(key.replace(/_?contact_id$/, '')) || 'Contact'
      rows.push({ key, label: person, text: names[value] ?? 'a contact', contactId: value })
      continue
    }
    if (key.endsWith('_id') || key === 'id' || value === null || value === undefined) continue
    rows.push({ key, label: words(key), text: valueText(value, tz) })
  }
  return rows
}
