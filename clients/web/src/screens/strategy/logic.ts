// The strategy screens' pure rules: sub-routes, ISO weeks and quarters (UTC, as the reviews
// count them), what a form sends (the goals service's REST schemas: services/goals/schemas.py,
// objectives_schemas.py), problems' field errors, and reviews turned into chart data.
// No I/O and no "now" of its own: callers pass `now()` from lib/clock.ts.

// -- sub-routes -------------------------------------------------------------------------------

export type StrategyRoute =
  | { view: 'overview' }
  | { view: 'goal'; id: string }
  | { view: 'new-goal' }
  | { view: 'objectives' }
  | { view: 'plan' }
  | { view: 'review' }

export function parseRoute(path: string): StrategyRoute {
  const parts = path.replace(/^\/strategy\/?/, '').split('/').filter(Boolean).map(decodeURIComponent)
  if (parts[0] === 'goals' && parts[1] === 'new') return { view: 'new-goal' }
  if (parts[0] === 'goals' && parts[1]) return { view: 'goal', id: parts[1] }
  if (parts[0] === 'objectives') return { view: 'objectives' }
  if (parts[0] === 'plan') return { view: 'plan' }
  if (parts[0] === 'review') return { view: 'review' }
  return { view: 'overview' }
}

/** Which sub-navigation entry a route belongs to. */
export function section(route: StrategyRoute): 'goal' | 'objectives' | 'plan' | 'review' {
  if (route.view === 'objectives' || route.view === 'plan' || route.view === 'review') return route.view
  return 'goal'
}

// -- weeks and quarters (UTC) -------------------------------------------------------------------

const DAY_MS = 86_400_000
const pad = (n: number) => String(n).padStart(2, '0')

function utcDay(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())
}

/** The ISO week ("2026-W18") holding `at` (UTC). */
export function isoWeek(at: Date): string {
  const day = utcDay(at)
  const weekday = (new Date(day).getUTCDay() + 6) % 7          // Monday 0 … Sunday 6
  const thursday = new Date(day + (3 - weekday) * DAY_MS)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1
  return `${year}-W${pad(week)}`
}

/** The Monday (00:00 UTC) an ISO week starts on; null when the label is no ISO week. */
export function weekStart(label: string): Date | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(label)
  if (!m) return null
  const year = Number(m[1]), week = Number(m[2])
  const jan4 = Date.UTC(year, 0, 4)
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS
  const start = new Date(monday1 + (week - 1) * 7 * DAY_MS)
  return week >= 1 && isoWeek(start) === label ? start : null
}

/** The week `by` weeks after (negative: before) `label`. */
export function shiftWeek(label: string, by: number): string {
  const start = weekStart(label)
  if (!start) throw new Error(`${label} is no ISO week`)
  return isoWeek(new Date(start.getTime() + by * 7 * DAY_MS))
}

/** The weekly review's default: the last full week before the one `now` is in. */
export function lastFullWeek(now: Date): string {
  return shiftWeek(isoWeek(now), -1)
}

/** This week and the `count - 1` before it, newest first. */
export function recentWeeks(now: Date, count: number): string[] {
  const current = isoWeek(now)
  return Array.from({ length: count }, (_, i) => shiftWeek(current, -i))
}

export function quarterOf(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`
}

export function shiftQuarter(label: string, by: number): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(label)
  if (!m) throw new Error(`${label} is no quarter`)
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + by
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

export function recentQuarters(now: Date, count: number): string[] {
  const current = quarterOf(now)
  return Array.from({ length: count }, (_, i) => shiftQuarter(current, -i))
}

/** "Mon 27 Apr 2026" of an ISO week's first day, for the week picker. */
export function weekText(label: string): string {
  const start = weekStart(label)
  if (!start) return label
  return `${label} (from ${start.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })})`
}

// -- problems -----------------------------------------------------------------------------------

/** A problem's `errors` (marshmallow's nested messages) as one message per dotted path:
 * {milestones: {0: {role: ["…"]}}} → {"milestones.0.role": "…"}; `_schema` names the parent. */
export function flattenErrors(errors: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (key: string, text: string) => { out[key] = out[key] ? `${out[key]} ${text}` : text }
  if (errors === null || errors === undefined) return out
  if (typeof errors === 'string') { put(prefix || '_', errors); return out }
  if (Array.isArray(errors)) {
    if (errors.every((e) => typeof e === 'string')) { put(prefix || '_', errors.join(' ')); return out }
    errors.forEach((e, i) => Object.assign(out, flattenErrors(e, prefix ? `${prefix}.${i}` : String(i))))
    return out
  }
  if (typeof errors === 'object') {
    for (const [k, v] of Object.entries(errors as Record<string, unknown>)) {
      const key = k === '_schema' ? prefix : prefix ? `${prefix}.${k}` : k
      for (const [path, text] of Object.entries(flattenErrors(v, key))) put(path, text)
    }
  }
  return out
}

/** The messages under `prefix.` with the prefix taken off (a nested form's own errors). */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(errors)) {
    if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v
  }
  return out
}

// -- goals and milestones -----------------------------------------------------------------------

export const HORIZONS = ['ultimate', 'interim'] as const
export const GOAL_STATUSES = ['active', 'achieved', 'archived'] as const
export const MILESTONE_KINDS = ['position', 'training', 'experience', 'relationship'] as const
export const MILESTONE_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const

export interface Target { role?: string | null; organisation?: string | null; sector?: string | null }

export interface MilestoneForm {
  kind: string
  title: string
  done_when: string
  due_date: string
  status: string
  role: string
  organisation: string
  sector: string
  opened_by: string        // roles, comma-separated (positions and experience)
  kept_opened_by?: Target[] // what the server holds, kept while the text is unchanged
}

export interface GoalForm {
  title: string
  horizon: string
  status: string
  target_date: string
  why: string
  parent_goal_id: string
  milestones: MilestoneForm[]
}

const text = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v))
const orNull = (v: string): string | null => (v.trim() ? v.trim() : null)

export function openedByText(targets: Target[] | undefined): string {
  return (targets ?? []).map((t) => [t.role, t.organisation && `at ${t.organisation}`, t.sector && `(${t.sector})`]
    .filter(Boolean).join(' ')).join(', ')
}

export function emptyMilestone(kind = 'relationship'): MilestoneForm {
  return { kind, title: '', done_when: '', due_date: '', status: 'open', role: '', organisation: '', sector: '', opened_by: '' }
}

export function milestoneForm(m: Record<string, unknown>): MilestoneForm {
  const opened = (Array.isArray(m.opened_by) ? m.opened_by : []) as Target[]
  return {
    kind: text(m.kind) || 'relationship', title: text(m.title), done_when: text(m.done_when),
    due_date: text(m.due_date).slice(0, 10), status: text(m.status) || 'open', role: text(m.role),
    organisation: text(m.organisation), sector: text(m.sector), opened_by: openedByText(opened), kept_opened_by: opened,
  }
}

export function goalForm(g: Record<string, unknown> | undefined, defaults: Partial<GoalForm> = {}): GoalForm {
  return {
    title: text(g?.title), horizon: text(g?.horizon) || defaults.horizon || 'ultimate', status: text(g?.status) || 'active',
    target_date: text(g?.target_date).slice(0, 10), why: text(g?.why),
    parent_goal_id: text(g?.parent_goal_id) || defaults.parent_goal_id || '',
    milestones: Array.isArray(g?.milestones) ? (g!.milestones as Record<string, unknown>[]).map(milestoneForm) : [],
  }
}

/** A milestone as MilestoneIn takes it: whom to know only on a relationship milestone,
 * `opened_by` only on positions and experience, blanks as null (never the server's ids). */
export function milestoneFields(m: MilestoneForm): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: m.kind, title: m.title.trim(), done_when: orNull(m.done_when), due_date: orNull(m.due_date), status: m.status || 'open',
  }
  if (m.kind === 'relationship') {
    out.role = orNull(m.role)
    out.organisation = orNull(m.organisation)
    out.sector = orNull(m.sector)
  }
  if (m.kind === 'position' || m.kind === 'experience') {
    if (m.kept_opened_by?.length && m.opened_by === openedByText(m.kept_opened_by)) {
      out.opened_by = m.kept_opened_by.map((t) => ({ role: t.role ?? null, organisation: t.organisation ?? null, sector: t.sector ?? null }))
    } else {
      out.opened_by = m.opened_by.split(',').map((r) => r.trim()).filter(Boolean).slice(0, 10).map((role) => ({ role }))
    }
  }
  return out
}

/** What to check before saving (the server checks again): the errors the REST schema would give. */
export function goalProblems(form: GoalForm): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!form.title.trim()) errors.title = 'Name the goal.'
  form.milestones.forEach((m, i) => {
    if (!m.title.trim()) errors[`milestones.${i}.title`] = 'Name the milestone.'
    if (m.kind === 'relationship' && !m.role.trim() && !m.organisation.trim() && !m.sector.trim()) {
      errors[`milestones.${i}.role`] = 'Name a role, an organisation or a sector.'
    }
  })
  return errors
}

/** A goal's fields as the goals scope takes them: a new goal GoalIn's (title and horizon
 * required), an edit GoalPatch's (the same fields; `horizon` is not editable). */
export function goalFields(form: GoalForm, isNew: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    title: form.title.trim(), target_date: orNull(form.target_date), why: orNull(form.why),
    milestones: form.milestones.map(milestoneFields),
    parent_goal_id: form.horizon === 'interim' ? orNull(form.parent_goal_id) : null,
  }
  if (isNew) out.horizon = form.horizon
  else out.status = form.status
  return out
}

/** The fields of `next` that differ from the record as it stands (milestones compared as sent). */
export function changedFields(row: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const current: Record<string, unknown> = { ...row }
  if (Array.isArray(row.milestones)) {
    current.milestones = (row.milestones as Record<string, unknown>[]).map((m) => milestoneFields(milestoneForm(m)))
  }
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => !same(current[k], v)))
}

// -- coverage -----------------------------------------------------------------------------------

export interface Strength { level: string; tier?: string | null; recent_touches: number; reason: string; leaning?: string }
export interface Covering { contact_id: string; display_name: string; title?: string | null; company?: string | null; strength: Strength }
export interface NeedCoverage extends Target {
  need: string; verdict: 'covered' | 'weak' | 'missing'; reason: string; fitting: number
  contacts: Covering[]; connector?: Covering | null
}
export interface MilestoneCoverage { milestone_id: string; kind: string; title: string; status: string; verdict: string | null; needs: NeedCoverage[] }
export interface Coverage {
  goal_id: string; title: string; status: string; as_of: string; contacts_considered: number
  counts: { covered: number; weak: number; missing: number }; milestones: MilestoneCoverage[]
}

export const VERDICT_TEXT: Record<string, string> = { covered: 'Covered', weak: 'Weak', missing: 'Missing' }

export function needText(n: Target): string {
  const who = n.role || 'Someone'
  return [who, n.organisation && `at ${n.organisation}`, n.sector && `in ${n.sector}`].filter(Boolean).join(' ')
}

export function coverageSummary(c: Coverage): string {
  const { covered, weak, missing } = c.counts
  return `${covered} covered, ${weak} weak, ${missing} missing (of ${plural(c.contacts_considered, 'contact')})`
}

// -- objectives ---------------------------------------------------------------------------------

export const OBJECTIVE_KINDS = ['meet', 'give_first', 'find_mentor', 'strengthen', 'touches'] as const
export const PERIODIC_KINDS = ['give_first', 'touches']
export const KIND_TEXT: Record<string, string> = {
  meet: 'Meet people', give_first: 'Give first', find_mentor: 'Find a mentor', strengthen: 'Strengthen relationships',
  touches: 'Touches through a channel',
}
export const CHANNELS = ['events', 'coffee', 'calls', 'online', 'writing', 'speaking'] as const
export const TIERS = ['mentor', 'guardian', 'sponsor', 'peer', 'acquaintance'] as const

export interface ObjectiveForm {
  title: string; kind: string; target: string; per: string; starts_on: string; due_date: string
  goal_id: string; milestone_id: string; role: string; organisation: string; sector: string; tier: string; channel: string
}

export function emptyObjective(): ObjectiveForm {
  return { title: '', kind: 'meet', target: '1', per: '', starts_on: '', due_date: '', goal_id: '', milestone_id: '',
    role: '', organisation: '', sector: '', tier: '', channel: '' }
}

export function objectiveProblems(f: ObjectiveForm): Record<string, string> {
  const e: Record<string, string> = {}
  if (!f.title.trim()) e.title = 'Name the objective.'
  const target = Number(f.target)
  if (!Number.isInteger(target) || target < 1 || target > 1000) e.target = 'A whole number from 1 to 1000.'
  if (!f.due_date) e.due_date = 'An objective needs a due date.'
  else if (f.starts_on && f.due_date < f.starts_on) e.due_date = 'Must not be before the start.'
  if (f.kind === 'touches' && !f.channel) e['criteria.channel'] = 'Name the channel counted.'
  return e
}

/** ObjectiveIn's fields: `per` only for periodic kinds, `channel` only for touches. */
export function objectiveFields(f: ObjectiveForm): Record<string, unknown> {
  return {
    title: f.title.trim(), kind: f.kind, target: Number(f.target),
    per: PERIODIC_KINDS.includes(f.kind) ? orNull(f.per) : null,
    ...(f.starts_on ? { starts_on: f.starts_on } : {}),
    due_date: f.due_date, goal_id: orNull(f.goal_id), milestone_id: f.goal_id ? orNull(f.milestone_id) : null,
    criteria: {
      role: orNull(f.role), organisation: orNull(f.organisation), sector: orNull(f.sector), tier: orNull(f.tier),
      channel: f.kind === 'touches' ? orNull(f.channel) : null,
    },
  }
}

export interface Progress { count: number; target: number; met: boolean; period?: string | null; due_in_days?: number | null }

export function progressText(p: Progress | undefined): string {
  if (!p) return 'Progress shows once synced'
  const period = p.period ? ` this period (${p.period})` : ''
  const due = p.due_in_days === null || p.due_in_days === undefined ? ''
    : p.due_in_days >= 0 ? `, due in ${p.due_in_days} day${p.due_in_days === 1 ? '' : 's'}` : `, ${-p.due_in_days} days overdue`
  return `${p.count} of ${p.target}${period}${p.met ? ', met' : ''}${due}`
}

// -- the plan -----------------------------------------------------------------------------------

export const STYLES = ['introvert', 'ambivert', 'extrovert'] as const
export const COMMITMENT_WHATS = [...CHANNELS, 'give_first'] as const

export interface Commitment { what: string; count: number; per: string }
export interface PlanForm {
  style: string; weekly_budget: string; follow_up_days: string; max_nudges_per_day: string; timezone: string
  start: string; end: string; days: number[]; offers: string
  channels: Record<string, string>   // channel → percent
  commitments: { what: string; count: string; per: string }[]
}

export function planForm(p: Record<string, any> | undefined): PlanForm {
  const hours = (p?.working_hours ?? {}) as { start?: string; end?: string; days?: number[] }
  const shares = (p?.channels ?? {}) as Record<string, number>
  return {
    style: text(p?.style) || 'ambivert', weekly_budget: text(p?.weekly_budget), follow_up_days: text(p?.follow_up_days),
    max_nudges_per_day: text(p?.max_nudges_per_day), timezone: text(p?.timezone),
    start: hours.start ?? '09:00', end: hours.end ?? '17:00', days: hours.days ?? [1, 2, 3, 4, 5],
    offers: ((p?.offers ?? []) as string[]).join(', '),
    channels: Object.fromEntries(CHANNELS.map((c) => [c, shares[c] ? String(Math.round(shares[c] * 100)) : ''])),
    commitments: ((p?.commitments ?? []) as Commitment[]).map((c) => ({ what: c.what, count: String(c.count), per: c.per })),
  }
}

export const splitList = (v: string): string[] => v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean)

/** PlanIn's fields (every one: a PUT fills what is left out with the style's defaults). */
export function planFields(f: PlanForm): Record<string, unknown> {
  const int = (v: string) => (v.trim() === '' ? undefined : Number(v))
  const out: Record<string, unknown> = {
    style: f.style, weekly_budget: int(f.weekly_budget), follow_up_days: int(f.follow_up_days),
    max_nudges_per_day: int(f.max_nudges_per_day),
    working_hours: { start: f.start, end: f.end, days: [...f.days].sort() },
    offers: splitList(f.offers),
    channels: Object.fromEntries(Object.entries(f.channels).filter(([, v]) => Number(v) > 0).map(([c, v]) => [c, Number(v) / 100])),
    commitments: f.commitments.map((c) => ({ what: c.what, count: Number(c.count), per: c.per })),
  }
  if (f.timezone.trim()) out.timezone = f.timezone.trim()
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined))
}

export function channelTotal(f: PlanForm): number {
  return Object.values(f.channels).reduce((sum, v) => sum + (Number(v) || 0), 0)
}

// -- the questionnaire --------------------------------------------------------------------------

export interface Question { id: string; text: string; kind: string; required: boolean; options: string[]; min?: number | null; max?: number | null }
export type AnswerForm = Record<string, string | string[]>

/** The answers as QuestionnaireIn takes them: numbers as numbers, lists as lists, blanks left out. */
export function answersFrom(questions: Question[], form: AnswerForm): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const q of questions) {
    const v = form[q.id]
    if (q.kind === 'multi') { if (Array.isArray(v) && v.length) out[q.id] = v; else if (q.required) out[q.id] = []; continue }
    const s = typeof v === 'string' ? v.trim() : ''
    if (!s) continue
    if (q.kind === 'integer' || q.kind === 'scale') out[q.id] = Number(s)
    else if (q.kind === 'text_list') out[q.id] = splitList(s)
    else out[q.id] = s
  }
  return out
}

export function unanswered(questions: Question[], form: AnswerForm): string[] {
  return questions.filter((q) => q.required && (Array.isArray(form[q.id]) ? !(form[q.id] as string[]).length : !String(form[q.id] ?? '').trim()))
    .map((q) => q.id)
}

/** A scale's or an integer's choices (1–5), the options otherwise. */
export function choicesOf(q: Question): string[] {
  if (q.kind === 'scale') {
    const lo = q.min ?? 1, hi = q.max ?? 5
    return Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i))
  }
  return q.options
}

export const words = (v: string): string => v.replace(/_/g, ' ')

// -- reviews as charts --------------------------------------------------------------------------

export interface Point { label: string; value: number }
export interface Review {
  period: string; starts_at: string; ends_at: string
  touches: { planned_total: number; actual_total: number; by_channel: { label: string; planned: number | null; actual: number }[] }
  follow_ups: { follow_up_days: number; met: number; series: Point[] }
  giving: { given: number; received: number; series: Point[] }
  new_relationships: { total: number; by_tier: Point[] }
  milestones_covered: { count: number; items: { goal_id?: string; milestone_id?: string; need?: string; title?: string }[] }
  objectives_met: { count: number; items: { objective_id?: string; title?: string; kind?: string }[] }
  weeks?: { label: string; planned: number; actual: number; given: number; received: number; new_contacts: number }[]
}

export interface ChartData {
  labels: string[]
  datasets: { label: string; data: number[] }[]
  summary: string           // what the chart shows, in words (the canvas's aria-label)
}

const n1 = (v: number) => String(Math.round(v * 10) / 10)
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export function touchesChart(r: Review): ChartData {
  const rows = r.touches.by_channel
  const hasPlan = rows.some((row) => row.planned !== null)
  const datasets = [
    ...(hasPlan ? [{ label: 'Planned', data: rows.map((row) => row.planned ?? 0) }] : []),
    { label: 'Actual', data: rows.map((row) => row.actual) },
  ]
  const each = rows.filter((row) => row.actual || row.planned)
    .map((row) => `${row.label} ${row.actual}${row.planned !== null ? ` of ${n1(row.planned)}` : ''}`)
  return {
    labels: rows.map((row) => row.label), datasets,
    summary: `Touches: ${r.touches.actual_total} made of ${n1(r.touches.planned_total)} planned` +
      (each.length ? `; by channel: ${each.join(', ')}.` : '.'),
  }
}

function seriesChart(title: string, label: string, points: Point[]): ChartData {
  return {
    labels: points.map((p) => words(p.label)), datasets: [{ label, data: points.map((p) => p.value) }],
    summary: `${title}: ${points.map((p) => `${words(p.label)} ${p.value}`).join(', ')}.`,
  }
}

export const followUpsChart = (r: Review) =>
  seriesChart(`Follow-ups of ${r.follow_ups.met} people met (within ${r.follow_ups.follow_up_days} days)`, 'People', r.follow_ups.series)
export const givingChart = (r: Review) => seriesChart('Favours', 'Favours', r.giving.series)
export const newRelationshipsChart = (r: Review) =>
  seriesChart(`New relationships: ${r.new_relationships.total}, by tier`, 'Contacts', r.new_relationships.by_tier)

export function weeksChart(r: Review): ChartData | null {
  if (!r.weeks?.length) return null
  const w = r.weeks
  const planned = w.reduce((s, x) => s + x.planned, 0), actual = w.reduce((s, x) => s + x.actual, 0)
  const fresh = w.reduce((s, x) => s + x.new_contacts, 0)
  return {
    labels: w.map((x) => x.label),
    datasets: [
      { label: 'Planned touches', data: w.map((x) => x.planned) },
      { label: 'Actual touches', data: w.map((x) => x.actual) },
      { label: 'Favours given', data: w.map((x) => x.given) },
      { label: 'New contacts', data: w.map((x) => x.new_contacts) },
    ],
    summary: `${plural(w.length, 'week')}: ${plural(actual, 'touch', 'touches')} made of ${n1(planned)} planned, ${plural(fresh, 'new contact')}.`,
  }
}
