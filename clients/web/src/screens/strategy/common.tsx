// What the strategy screens share: answers kept for offline use, problems shown with their
// field errors, radio and checkbox groups (a fieldset and its legend), the note a write leaves.
import type { ComponentChildren } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

import { ApiError, cachedGet } from '../../lib/api'
import { Offline } from '../../lib/sync'
import { ErrorNote, Stale } from '../../ui'
import { flattenErrors } from './logic'

export interface Loaded<T> {
  value?: T
  at?: string
  stale: boolean
  error?: unknown
  loading: boolean
  reload: () => Promise<void>
}

/** GET `path` through the device's cache: the fresh answer, or offline the last one (Stale).
 * `path` null: nothing to ask yet. */
export function useCached<T>(path: string | null, deps: unknown[] = []): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({ stale: false, loading: !!path })
  const latest = useRef(path)
  latest.current = path
  const reload = useCallback(async () => {
    if (!path) return
    setState((s) => ({ ...s, loading: true }))
    try {
      const answer = await cachedGet<T>(path)
      if (latest.current === path) setState({ value: answer.value, at: answer.at, stale: answer.stale, loading: false })
    } catch (error) {
      if (latest.current === path) setState((s) => ({ ...s, error, loading: false }))
    }
  }, [path])
  const shown = useRef(path)
  useEffect(() => {
    // another path: forget the last answer; the same one asked again (a sync finished): keep it
    // on screen until the new one comes
    if (shown.current !== path) setState({ stale: false, loading: !!path })
    shown.current = path
    void reload()
  }, [path, ...deps])
  return { ...state, reload }
}

/** The field errors of a problem (dotted paths), or of a rejected sync result. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (error instanceof ApiError) return flattenErrors(error.problem.errors)
  return {}
}

/** A read's state: the Stale note offline, the problem when it failed, "Loading…". */
export function ReadState({ loaded, what }: { loaded: Loaded<unknown>; what: string }) {
  if (loaded.error && !loaded.value) {
    if (loaded.error instanceof Offline) {
      return <p class="notice" role="status">Offline — {what} shows once this device has fetched it online.</p>
    }
    return <ProblemNote error={loaded.error} />
  }
  if (loaded.at) return <Stale at={loaded.at} stale={loaded.stale} />
  if (loaded.loading) return <p class="muted" role="status">Loading {what}…</p>
  return null
}

/** A failed request: the problem's detail and every field error the form did not show itself. */
export function ProblemNote({ error, shown = [] }: { error: unknown; shown?: string[] }) {
  if (!error) return null
  if (error instanceof Offline) return <p class="notice" role="alert">Offline — this needs the network. Try again once online.</p>
  if (!(error instanceof ApiError)) return <ErrorNote error={error} />
  const errors = Object.entries(flattenErrors(error.problem.errors)).filter(([k]) => !shown.includes(k))
  return (
    <div class="notice notice-error" role="alert">
      <p class="problem-detail">{error.problem.detail ?? error.problem.title ?? `The server answered ${error.problem.status}`}</p>
      {errors.length ? (
        <ul>{errors.map(([k, v]) => <li key={k}><strong>{k === '_' ? 'Request' : k}</strong>: {v}</li>)}</ul>
      ) : null}
    </div>
  )
}

/** What a record refused by sync says (`_problem`: its reason and field errors). */
export function RejectedNote({ problem }: { problem?: { reason: string; errors?: Record<string, unknown> } }) {
  if (!problem) return null
  const errors = Object.entries(flattenErrors(problem.errors))
  const reason: Record<string, string> = {
    invalid: 'The server did not accept this change', ultimate_goal_exists: 'You already have an active ultimate goal: archive it first, or make this one interim',
    not_found: 'The server does not know this record', deleted: 'This record was deleted on another device',
    base_version_ahead: 'This device is ahead of the server: sync again', not_deletable: 'This record cannot be deleted',
  }
  return (
    <div class="notice notice-error" role="alert">
      <p>{reason[problem.reason] ?? `Not accepted (${problem.reason})`}.</p>
      {errors.length ? <ul>{errors.map(([k, v]) => <li key={k}><strong>{k === '_' ? 'Record' : k}</strong>: {v}</li>)}</ul> : null}
    </div>
  )
}

let groups = 0

export function RadioGroup({ legend, name, value, options, onValue, error, hint }: {
  legend: string; name?: string; value: string; options: [string, string][]; onValue: (v: string) => void
  error?: string; hint?: string
}) {
  const id = useRef(`rg-${++groups}`).current
  return (
    <fieldset class="choices" aria-describedby={error ? `${id}-err` : undefined} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? <small class="hint">{hint}</small> : null}
      <div class="choice-list">
        {options.map(([v, label]) => (
          <label key={v} class="pick">
            <input type="radio" name={name ?? id} value={v} checked={value === v} onChange={() => onValue(v)} />
            <span>{label}</span>
          </label>
        ))}
      </div>
      {error ? <small id={`${id}-err`} class="error" role="alert">{error}</small> : null}
    </fieldset>
  )
}

export function CheckGroup({ legend, values, options, onValues, error }: {
  legend: string; values: string[]; options: [string, string][]; onValues: (v: string[]) => void; error?: string
}) {
  const id = useRef(`cg-${++groups}`).current
  const toggle = (v: string) => onValues(values.includes(v) ? values.filter((x) => x !== v) : [...values, v])
  return (
    <fieldset class="choices" aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{legend}</legend>
      <div class="choice-list">
        {options.map(([v, label]) => (
          <label key={v} class="pick">
            <input type="checkbox" value={v} checked={values.includes(v)} onChange={() => toggle(v)} />
            <span>{label}</span>
          </label>
        ))}
      </div>
      {error ? <small id={`${id}-err`} class="error" role="alert">{error}</small> : null}
    </fieldset>
  )
}

/** After a write through the outbox: saved here, and whether it waits for the network. */
export function SavedNote({ online, children }: { online: boolean; children?: ComponentChildren }) {
  return (
    <p class="notice saved-note" role="status">
      {online ? 'Saved on this device — syncing now.' : 'Saved on this device: offline — will sync.'} {children}
    </p>
  )
}

export const options = (values: readonly string[], label: (v: string) => string = (v) => v.replace(/_/g, ' ')): [string, string][] =>
  values.map((v) => [v, label(v)])
