// The few building blocks every screen uses, so that labels, focus and states look and behave
// the same everywhere (a label for every field, errors tied to their field, a state on every
// record).
import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'

import type { RecordState } from './lib/db'

export function Page({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => { document.title = `${title} · Rapport` }, [title])
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title" ref={heading} tabIndex={-1}>{title}</h1>
        {actions ? <div class="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  )
}

interface InputProps {
  label: string
  type?: 'text' | 'email' | 'tel' | 'search' | 'date' | 'datetime-local' | 'time' | 'week' | 'url' | 'number'
  placeholder?: string
  autoComplete?: string
  required?: boolean
  autoFocus?: boolean
  list?: string
  name?: string
  value: string
  onValue: (value: string) => void
  error?: string
  hint?: string
}

let ids = 0
const useId = (prefix: string) => useRef(`${prefix}-${++ids}`).current

export function Field({ label, value, onValue, error, hint, type = 'text', ...rest }: InputProps) {
  const id = useId('f')
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type={type} value={value} onInput={(e) => onValue((e.target as HTMLInputElement).value)}
        aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} />
      {hint ? <small id={`${id}-hint`} class="hint">{hint}</small> : null}
      {error ? <small id={`${id}-err`} class="error" role="alert">{error}</small> : null}
    </div>
  )
}

export function TextArea({ label, value, onValue, error, rows = 3 }: {
  label: string; value: string; onValue: (v: string) => void; error?: string; rows?: number
}) {
  const id = useId('t')
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} rows={rows} value={value} onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} />
      {error ? <small id={`${id}-err`} class="error" role="alert">{error}</small> : null}
    </div>
  )
}

export function Select({ label, value, onValue, options, error }: {
  label: string; value: string; onValue: (v: string) => void; options: [string, string][]; error?: string
}) {
  const id = useId('s')
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onValue((e.target as HTMLSelectElement).value)}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
      {error ? <small id={`${id}-err`} class="error" role="alert">{error}</small> : null}
    </div>
  )
}

const STATE_TEXT: Record<RecordState, string> = {
  synced: 'Synced',
  local: 'Saved on this device',
  conflict: 'Conflict',
  rejected: 'Not accepted',
}

/** Where a record stands: on this device only, synced, or needing the member. */
export function StateBadge({ state }: { state: RecordState | undefined }) {
  const s = state ?? 'local'
  return <span class={`badge badge-${s}`} data-state={s}>{STATE_TEXT[s]}</span>
}

/** An answer shown from the device's cache: when it was fetched. */
export function Stale({ at, stale }: { at: string; stale: boolean }) {
  if (!stale) return null
  return <p class="notice" role="status">Offline — showing what was fetched {new Date(at).toLocaleString()}.</p>
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null
  const message = error instanceof Error ? error.message : String(error)
  return <p class="notice notice-error" role="alert">{message}</p>
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>
}
