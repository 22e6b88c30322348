// One person: what you know, what happened between you (the timeline), whether giving and
// receiving are in balance; edit, log an interaction, resolve a conflict, merge a duplicate.
import { useEffect, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'

import { dayIn, now } from '../lib/clock'
import { type LocalRecord, db } from '../lib/db'
import { useLive } from '../lib/live'
import { merge, newId, remove, save } from '../lib/outbox'
import { ConflictPanel, shown } from '../conflict'
import { Empty, Field, Page, Select, StateBadge, TextArea } from '../ui'
import { DIRECTIONS, INTERACTION_KINDS, KIND_TEXT, TIERS, balance, lines, reciprocity } from './people'

const EDITABLE: [string, string][] = [
  ['display_name', 'Name'], ['company', 'Company'], ['title', 'Title'], ['emails', 'Emails'], ['phones', 'Phones'],
  ['tier', 'Tier'], ['tags', 'Tags'], ['needs', 'What they need'], ['offers', 'How you could help'],
  ['can_help_with', 'How they could help you'], ['notes', 'Note'],
]
const LISTS = new Set(['emails', 'phones', 'tags', 'needs', 'offers'])
const label = (field: string) => EDITABLE.find(([f]) => f === field)?.[1] ?? field

function Editor({ contact, onDone }: { contact: LocalRecord; onDone: () => void }) {
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(EDITABLE.map(([f]) => [f,
    LISTS.has(f) ? ((contact[f] as string[]) ?? []).join('\n') : String(contact[f] ?? '')])))
  const set = (f: string) => (v: string) => setDraft({ ...draft, [f]: v })
  const submit = async (e: Event) => {
    e.preventDefault()
    if (!draft.display_name.trim()) return
    const fields: Record<string, unknown> = {}
    for (const [f] of EDITABLE) {
      const raw = draft[f]
      fields[f] = LISTS.has(f) ? lines(raw).map((s) => (f === 'emails' || f === 'tags' ? s.toLowerCase() : s))
        : raw.trim() === '' ? null : raw.trim()
    }
    fields.display_name = draft.display_name.trim()
    await save('contacts', contact.id, fields)
    onDone()
  }
  return (
    <form onSubmit={submit} aria-label="Edit contact" class="card">
      <Field label="Name" value={draft.display_name} onValue={set('display_name')} required
        error={draft.display_name.trim() ? undefined : 'A name is needed.'} />
      <div class="row">
        <Field label="Company" value={draft.company} onValue={set('company')} />
        <Field label="Title" value={draft.title} onValue={set('title')} />
      </div>
      <Select label="Tier" value={draft.tier} onValue={set('tier')} options={[['', 'Not yet'], ...TIERS]} />
      {(['emails', 'phones', 'tags', 'needs', 'offers'] as const).map((f) => (
        <TextArea key={f} label={`${label(f)} (one per line)`} value={draft[f]} onValue={set(f)} rows={2} />
      ))}
      <TextArea label="How they could help you" value={draft.can_help_with} onValue={set('can_help_with')} rows={2} />
      <TextArea label="Note" value={draft.notes} onValue={set('notes')} />
      <div class="row">
        <button type="submit" class="primary">Save changes</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  )
}

function LogInteraction({ contactId }: { contactId: string }) {
  const [kind, setKind] = useState('coffee')
  const [day, setDay] = useState(() => dayIn(now()))
  const [direction, setDirection] = useState('')
  const [notes, setNotes] = useState('')
  const [saved, setSaved] = useState(false)
  const submit = async (e: Event) => {
    e.preventDefault()
    const today = dayIn(now())
    const at = day === today ? now().toISOString() : new Date(`${day}T12:00:00`).toISOString()
    await save('interactions', newId(), {
      contact_id: contactId, kind, occurred_at: at,
      ...(direction ? { direction } : {}), ...(notes.trim() ? { notes: notes.trim() } : {}),
    })
    setNotes('')
    setSaved(true)
  }
  return (
    <form id="log" onSubmit={submit} aria-label="Log an interaction" class="card">
      <h2>Log an interaction</h2>
      <div class="row">
        <Select label="What" value={kind} onValue={setKind} options={INTERACTION_KINDS} />
        <Field label="When" type="date" value={day} onValue={setDay} />
        <Select label="Who gave" value={direction} onValue={setDirection} options={DIRECTIONS} />
      </div>
      <TextArea label="Interaction note" value={notes} onValue={setNotes} rows={2} />
      <button type="submit" class="primary">Log it</button>
      {saved ? <span role="status" class="muted"> Logged.</span> : null}
    </form>
  )
}

export function ContactDetail({ id }: { id?: string }) {
  const { route } = useLocation()
  const contact = useLive(() => db().contacts.get(id ?? ''), [id])
  const interactions = useLive(() => db().interactions.where('contact_id').equals(id ?? '').toArray(), [id], [])
  const offers = useLive(async () => [
    ...await db().duplicates.where('keep').equals(id ?? '').toArray(),
    ...await db().duplicates.where('other').equals(id ?? '').toArray(),
  ].filter((o) => !o.dismissed), [id], [])
  const gathering = useLive(() => contact?.gathering_id ? db().gatherings.get(String(contact.gathering_id)) : undefined, [contact?.gathering_id])
  const [editing, setEditing] = useState(false)
  useEffect(() => { if (location.hash === '#log') document.getElementById('log')?.scrollIntoView() }, [contact?.id])
  if (contact === undefined) return <Page title="Person"><Empty>This person is not on this device (merged or deleted).</Empty></Page>
  if (contact._deleted && contact.merged_into) {
    return <Page title={String(contact.display_name)}><p>Merged into <a href={`/contacts/${contact.merged_into}`}>another contact</a>.</p></Page>
  }
  const timeline = [...(interactions ?? [])].filter((i) => !i._deleted)
    .sort((a, b) => String(b.occurred_at).localeCompare(String(a.occurred_at)))
  const r = reciprocity(timeline)
  return (
    <Page title={String(contact.display_name)} actions={<StateBadge state={contact._state} />}>
      <p class="muted">{[contact.title, contact.company].filter(Boolean).join(' · ')}
        {gathering ? ` · met at ${String(gathering.name)}` : ''}</p>
      {contact._state === 'conflict' ? <ConflictPanel record={contact} collection="contacts" label={label} /> : null}
      {contact._state === 'rejected' ? (
        <p class="notice notice-error" role="alert">The server did not accept the last change ({String(contact._problem?.reason)}):
          {' '}{Object.entries(contact._problem?.errors ?? {}).map(([f, m]) => `${label(f)}: ${shown(m)}`).join('; ') || 'see the fields'}.</p>
      ) : null}
      {(offers ?? []).map((o) => {
        const keep = o.keep === contact.id
        return (
          <p key={o.id} class="notice">Possibly the same person as <strong>{keep ? o.names[1] : o.names[0]}</strong> ({o.reasons.join(', ')}).{' '}
            <button type="button" onClick={() => void merge(o.keep, o.other).then(() => { if (!keep) route(`/contacts/${o.keep}`) })}>Merge</button>
            {' '}<button type="button" class="link" onClick={() => void db().duplicates.update(o.id, { dismissed: true })}>Not the same</button></p>
        )
      })}
      {editing ? <Editor contact={contact} onDone={() => setEditing(false)} /> : (
        <section class="card" aria-label="Details">
          <dl class="facts">
            {EDITABLE.filter(([f]) => f !== 'display_name').map(([f, text]) => (
              <div key={f}><dt>{text}</dt><dd>{shown(contact[f])}</dd></div>
            ))}
          </dl>
          <div class="row">
            <button type="button" onClick={() => setEditing(true)}>Edit</button>
            <button type="button" class="danger" onClick={() => { if (confirm('Delete this person and their interactions?')) void remove('contacts', contact.id).then(() => route('/contacts')) }}>Delete</button>
          </div>
        </section>
      )}
      <section aria-labelledby="reciprocity-title">
        <h2 id="reciprocity-title">Reciprocity</h2>
        <p data-testid="reciprocity">{balance(r)} · {r.touches} interaction{r.touches === 1 ? '' : 's'}{r.last ? `, last ${new Date(r.last).toLocaleDateString()}` : ''}</p>
      </section>
      <LogInteraction contactId={contact.id} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        {timeline.length ? (
          <ol class="list" aria-label="Interactions">
            {timeline.map((i) => (
              <li key={i.id}>
                <div class="grow">
                  <strong>{KIND_TEXT[String(i.kind)] ?? String(i.kind)}</strong>{' '}
                  <span class="muted">{new Date(String(i.occurred_at)).toLocaleDateString()}{i.direction ? ` · ${i.direction}` : ''}</span>
                  {i.notes ? <div>{String(i.notes)}</div> : null}
                </div>
                <StateBadge state={i._state} />
              </li>
            ))}
          </ol>
        ) : <Empty>Nothing yet.</Empty>}
      </section>
    </Page>
  )
}
