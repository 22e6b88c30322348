// Settings' pure parts: an import job's progress in numbers and words, its problems as rows,
// the file types the imports API takes, and the export's address.
export interface ImportCounts {
  rows: number
  done: number
  created: number
  updated: number
  unchanged: number
  failed: number
}

export interface LineMessage { line: number; message: string }
export interface ImportWarning extends LineMessage { field?: string; value?: string }

export interface ImportJob {
  id: string
  format: string
  filename?: string | null
  status: 'queued' | 'running' | 'done' | 'failed'
  counts: ImportCounts
  errors: LineMessage[]
  warnings: ImportWarning[]
  queued_at?: string
  started_at?: string | null
  finished_at?: string | null
}

export const finished = (job: Pick<ImportJob, 'status'> | null | undefined): boolean =>
  job?.status === 'done' || job?.status === 'failed'

/** What the `<progress>` shows: `value` of `max`; no value while the rows are not counted yet
 * (an indeterminate bar), full once the job is done. */
export function progress(job: Pick<ImportJob, 'status' | 'counts'>): { value?: number; max: number; percent: number | null } {
  const rows = Math.max(0, job.counts?.rows ?? 0)
  const done = Math.max(0, job.counts?.done ?? 0)
  if (job.status === 'done') {
    const max = rows || 1
    return { value: max, max, percent: 100 }
  }
  if (!rows) return { max: 1, percent: null }
  const value = Math.min(done, rows)
  return { value, max: rows, percent: Math.floor((value / rows) * 100) }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** "12 of 30 rows read: 10 new, 1 updated, 0 unchanged, 1 not imported". */
export function progressText(job: Pick<ImportJob, 'status' | 'counts'>): string {
  const c = job.counts
  if (job.status === 'queued') return 'Waiting to start…'
  if (!c.rows && job.status !== 'done') return 'Reading the file…'
  const head = job.status === 'done' ? `${plural(c.rows, 'row', 'rows')} read` : `${c.done} of ${plural(c.rows, 'row', 'rows')} read`
  return `${head}: ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} not imported`
}

export interface ProblemRow { line: number; field: string; message: string; value?: string }

/** An error's text is "line 8: emails: Not a valid email address." — its line, the field named
 * in it (when it names one) and the rest. */
export function errorRow(e: LineMessage): ProblemRow {
  let message = e.message.replace(/^line \d+:\s*/i, '')
  let field = ''
  const named = /^([a-z_][a-z0-9_]*): (.*)$/i.exec(message)
  if (named) { field = named[1].replace(/_/g, ' '); message = named[2] }
  return { line: e.line, field, message }
}

export function warningRow(w: ImportWarning): ProblemRow {
  return { line: w.line, field: w.field ?? '', message: w.message.replace(/^line \d+:\s*/i, ''), value: w.value }
}

/** The Content-Type the imports API wants for a file, from its name (then its type). */
export function importType(name: string, type = ''): string | null {
  const lower = name.toLowerCase()
  if (lower.endsWith('.vcf') || lower.endsWith('.vcard')) return 'text/vcard'
  if (lower.endsWith('.csv')) return 'text/csv'
  if (['text/vcard', 'text/x-vcard', 'text/directory'].includes(type)) return 'text/vcard'
  if (type === 'text/csv') return 'text/csv'
  return null
}

export const TIERS: [string, string][] = [
  ['mentor', 'Mentor'],
  ['guardian', 'Guardian'],
  ['sponsor', 'Sponsor'],
  ['peer', 'Peer'],
  ['acquaintance', 'Acquaintance'],
]

/** `/v1/exports/contacts.vcf?tier=peer&tag=climate`, empty filters left out. */
export function exportPath(format: 'vcf' | 'csv', filters: { tier?: string; tag?: string }): string {
  const query = new URLSearchParams()
  if (filters.tier) query.set('tier', filters.tier)
  const tag = filters.tag?.trim()
  if (tag) query.set('tag', tag)
  const qs = query.toString()
  return `/v1/exports/contacts.${format}${qs ? `?${qs}` : ''}`
}

export type StateCounts = Record<string, Record<string, number>>
