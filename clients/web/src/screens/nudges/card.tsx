// One nudge: what to do, why (the rule's summary and the data behind it), and the three
// actions — done (with what happened), snooze, dismiss (with a reason) — all working offline.
import { useState } from 'preact/hooks'

import { now } from '../../lib/clock'
import { resolve } from '../../lib/outbox'
import { ErrorNote, Select, StateBadge, TextArea } from '../../ui'
import { act, giveUp } from './act'
import {
  DISMISS_REASONS, INTERACTION_KINDS, type Nudge, SNOOZES, dismissFields, doneFields, label, ruleName, snoozeUntil,
  whyRows,
} from './logic'
import { when } from './time'

type Panel = 'none' | 'done' | 'snooze' | 'dismiss'

function ContactLink({ id, names }: { id: string | null | undefined; names: Record<string, string> }) {
  if (!id) return null
  return <a href={`/contacts/${id}`}>{names[id] ?? 'Open the contact'}</a>
}

function WhyDetails({ n, names }: { n: Nudge; names: Record<string, string> }) {
  const rows = whyRows(n.why, names, n.timezone)
  return (
    <details class="why">
      <summary>Why</summary>
      {n.why?.summary ? <p>{n.why.summary}</p> : null}
      <dl class="why-data">
        <div class="why-row">
          <dt>Rule</dt>
          <dd>{ruleName(n.why?.rule ?? n.rule)}</dd>
        </div>
        {rows.map((r) => (
          <div key={r.key} class="why-row">
            <dt>{r.label}</dt>
            <dd>{r.contactId ? <a href={`/contacts/${r.contactId}`}>{r.text}</a> : r.text}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}

function DoneForm({ n, onClose }: { n: Nudge; onClose: () => void }) {
  const [kind, setKind] = useState('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<unknown>(null)
  const submit = (e: Event) => {
    e.preventDefault()
    act(n, doneFields(n, kind, note)).then(onClose, setError)
  }
  return (
    <form class="nudge-form" onSubmit={submit} aria-label="Mark as done">
      {n.contact_id
        ? <Select label="What did you do? (optional)" value={kind} onValue={setKind}
            options={[['', 'Nothing to log'], ...INTERACTION_KINDS]} />
        : null}
      <TextArea label="Note (optional)" value={note} onValue={setNote} rows={2} />
      <div class="row">
        <button type="submit" class="primary">Save as done</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
      <ErrorNote error={error} />
    </form>
  )
}

function SnoozeChoices({ n, onClose }: { n: Nudge; onClose: () => void }) {
  const [error, setError] = useState<unknown>(null)
  return (
    <fieldset class="nudge-form">
      <legend>Snooze for</legend>
      <div class="row">
        {SNOOZES.map(([days, text]) => (
          <button key={days} type="button"
            onClick={() => act(n, { status: 'snoozed', snoozed_until: snoozeUntil(now(), days) }).then(onClose, setError)}>
            {text}
          </button>
        ))}
        <button type="button" class="link" onClick={onClose}>Cancel</button>
      </div>
      <ErrorNote error={error} />
    </fieldset>
  )
}

function DismissForm({ n, onClose }: { n: Nudge; onClose: () => void }) {
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<unknown>(null)
  const submit = (e: Event) => {
    e.preventDefault()
    if (!reason) { setError(new Error('Choose a reason.')); return }
    act(n, dismissFields(reason, note)).then(onClose, setError)
  }
  return (
    <form class="nudge-form" onSubmit={submit} aria-label="Dismiss">
      <fieldset>
        <legend>Why dismiss it?</legend>
        {DISMISS_REASONS.map(([value, text]) => (
          <label key={value} class="choice">
            <input type="radio" name={`reason-${n.id}`} value={value} checked={reason === value}
              onChange={() => setReason(value)} />
            {text}
          </label>
        ))}
      </fieldset>
      <TextArea label="Note (optional)" value={note} onValue={setNote} rows={2} />
      <div class="row">
        <button type="submit" class="danger">Dismiss</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
      <ErrorNote error={error} />
    </form>
  )
}

/** A nudge in the inbox. */
export function NudgeCard({ n, names }: { n: Nudge; names: Record<string, string> }) {
  const [panel, setPanel] = useState<Panel>('none')
  const due = when(n.status === 'snoozed' ? n.snoozed_until : n.due_at, n.timezone)
  const close = () => setPanel('none')
  const toggle = (p: Panel) => setPanel(panel === p ? 'none' : p)
  return (
    <li class="card nudge" data-testid="nudge" data-nudge-id={n.id}>
      <h3 class="sentence">{n.sentence ?? 'A suggestion'}</h3>
      <p class="muted">
        <ContactLink id={n.contact_id} names={names} />
        {n.contact_id && due ? ' · ' : null}
        {due ? <>Due {due}</> : null}
        {n.status === 'snoozed' ? ' (back from a snooze)' : null}
      </p>
      <WhyDetails n={n} names={names} />
      <div class="row nudge-actions">
        <button type="button" class="primary" aria-expanded={panel === 'done'} onClick={() => toggle('done')}>Done</button>
        <button type="button" aria-expanded={panel === 'snooze'} onClick={() => toggle('snooze')}>Snooze</button>
        <button type="button" aria-expanded={panel === 'dismiss'} onClick={() => toggle('dismiss')}>Dismiss</button>
      </div>
      {panel === 'done' ? <DoneForm n={n} onClose={close} /> : null}
      {panel === 'snooze' ? <SnoozeChoices n={n} onClose={close} /> : null}
      {panel === 'dismiss' ? <DismissForm n={n} onClose={close} /> : null}
    </li>
  )
}

function outcome(n: Nudge): string {
  if (n.status === 'done') return 'Done'
  if (n.status === 'dismissed') return `Dismissed: ${label(DISMISS_REASONS, n.reason)}`
  if (n.status === 'snoozed') return `Snoozed until ${when(n.snoozed_until, n.timezone) ?? 'later'}`
  return String(n.status ?? '')
}

const PROBLEMS: Record<string, string> = {
  nudge_closed: 'it was already closed on another device',
  nudge_withdrawn: 'it no longer applies',
  deleted: 'it no longer applies',
  not_found: 'the server does not know it',
  validation_error: 'the server could not use it',
  invalid: 'the server could not use it',
}

/** A nudge acted on today: how it was closed, and whether the server has it yet. */
export function ActedItem({ n, names }: { n: Nudge; names: Record<string, string> }) {
  const [error, setError] = useState<unknown>(null)
  const theirs = n._conflicts?.find((c) => c.field === 'status')?.server_value
  return (
    <li data-testid="acted" data-nudge-id={n.id}>
      <div class="grow">
        <p class="acted-sentence">{n.sentence ?? 'A suggestion'}</p>
        <p class="muted">
          {outcome(n)}
          {n.contact_id ? <> · <ContactLink id={n.contact_id} names={names} /></> : null}
        </p>
        {n._state === 'conflict' ? (
          <div class="notice" role="group" aria-label="Conflict">
            <p>Another device marked it {String(theirs ?? 'changed')} meanwhile.</p>
            <div class="row">
              <button type="button" onClick={() => resolve('nudges', n.id, { status: 'mine' }).catch(setError)}>Keep mine</button>
              <button type="button" onClick={() => resolve('nudges', n.id, { status: 'theirs' }).catch(setError)}>Use the other device's</button>
            </div>
          </div>
        ) : null}
        {n._state === 'rejected' ? (
          <div class="notice notice-error">
            <p>Not accepted: {PROBLEMS[n._problem?.reason ?? ''] ?? (n._problem?.reason ?? 'refused')}.</p>
            <button type="button" onClick={() => giveUp(n).catch(setError)}>Show the server's version</button>
          </div>
        ) : null}
        <ErrorNote error={error} />
      </div>
      <StateBadge state={n._state} />
    </li>
  )
}
