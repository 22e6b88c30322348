// Capture in ten seconds, signal or not: a person, where you met (the current gathering is
// remembered), what they need and how you could help. Saved on the device at once; a "met"
// interaction at the gathering goes with it, so the coach knows when to suggest a follow-up.
import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'

import { dayIn, now, nowIso } from '../lib/clock'
import { db } from '../lib/db'
import { useLive } from '../lib/live'
import { newId, save } from '../lib/outbox'
import { Field, Page, Select, TextArea } from '../ui'
import { TIERS, lines } from './people'

const CURRENT_GATHERING = 'capture.gathering'

interface Draft {
  display_name: string
  company: string
  title: string
  email: string
  phone: string
  tier: string
  needs: string
  offers: string
  notes: string
}

const EMPTY: Draft = { display_name: '', company: '', title: '', email: '', phone: '', tier: '', needs: '', offers: '', notes: '' }

/** The contact's fields from the form: empty ones left out, lists from one line each. */
export function contactFields(draft: Draft, gatheringId: string | null): Record<string, unknown> {
  const fields: Record<string, unknown> = { display_name: draft.display_name.trim() }
  if (draft.company.trim()) fields.company = draft.company.trim()
  if (draft.title.trim()) fields.title = draft.title.trim()
  if (draft.email.trim()) fields.emails = [draft.email.trim().toLowerCase()]
  if (draft.phone.trim()) fields.phones = [draft.phone.trim()]
  if (draft.tier) fields.tier = draft.tier
  if (lines(draft.needs).length) fields.needs = lines(draft.needs)
  if (lines(draft.offers).length) fields.offers = lines(draft.offers)
  if (draft.notes.trim()) fields.notes = draft.notes.trim()
  if (gatheringId) fields.gathering_id = gatheringId
  return fields
}

function GatheringPicker({ value, onValue }: { value: string; onValue: (id: string) => void }) {
  const gatherings = useLive(() => db().gatherings.filter((g) => !g._deleted).toArray(), [], [])
  const [adding, setAdding] = useState(false)
  const [name, setName] = useState('')
  const [kind, setKind] = useState('conference')
  const [place, setPlace] = useState('')
  const add = async () => {
    if (!name.trim()) return
    const id = newId()
    await save('gatherings', id, {
      name: name.trim(), kind, starts_on: dayIn(now()), ...(place.trim() ? { place: place.trim() } : {}),
    })
    onValue(id)
    setAdding(false)
    setName('')
    setPlace('')
  }
  const sorted = [...(gatherings ?? [])].sort((a, b) => String(b.starts_on ?? '').localeCompare(String(a.starts_on ?? '')))
  return (
    <fieldset class="card">
      <legend>Where you met</legend>
      <Select label="Met at" value={value} onValue={onValue}
        options={[['', 'Nowhere in particular'], ...sorted.map((g): [string, string] => [g.id, String(g.name)])]} />
      {adding ? (
        <div>
          <Field label="Gathering name" value={name} onValue={setName} placeholder="e.g. PyCon Lisbon" />
          <div class="row">
            <Select label="Kind" value={kind} onValue={setKind} options={[['conference', 'Conference'], ['meetup', 'Meetup']]} />
            <Field label="Place" value={place} onValue={setPlace} />
          </div>
          <div class="row">
            <button type="button" class="primary" onClick={() => void add()}>Add gathering</button>
            <button type="button" onClick={() => setAdding(false)}>Cancel</button>
          </div>
        </div>
      ) : <button type="button" class="link" onClick={() => setAdding(true)}>New gathering…</button>}
    </fieldset>
  )
}

export function Capture() {
  const { route } = useLocation()
  const remembered = useLive(() => db().getMeta<string>(CURRENT_GATHERING), [], '')
  const [gathering, setGathering] = useState<string | null>(null)
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [error, setError] = useState('')
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null)
  const current = gathering ?? remembered ?? ''
  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value })
  const choose = (id: string) => { setGathering(id); void db().setMeta(CURRENT_GATHERING, id) }

  const submit = async (e: Event) => {
    e.preventDefault()
    if (!draft.display_name.trim()) { setError('A name is needed.'); return }
    if (draft.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) { setError(''); return }
    const id = newId()
    await save('contacts', id, contactFields(draft, current || null))
    await save('interactions', newId(), {
      contact_id: id, kind: 'met', occurred_at: nowIso(), ...(current ? { gathering_id: current } : {}),
    })
    setSaved({ id, name: draft.display_name.trim() })
    setDraft(EMPTY)
    setError('')
    ;(document.getElementById('capture-name') as HTMLInputElement | null)?.focus()
  }
  const badEmail = draft.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())

  return (
    <Page title="Capture">
      <form onSubmit={submit} aria-label="Capture a person" noValidate>
        <GatheringPicker value={current} onValue={choose} />
        <div class="field">
          <label for="capture-name">Name</label>
          <input id="capture-name" value={draft.display_name} autoComplete="off" required
            onInput={(e) => set('display_name')((e.target as HTMLInputElement).value)}
            aria-invalid={error ? true : undefined} aria-describedby={error ? 'capture-name-err' : undefined} />
          {error ? <small id="capture-name-err" class="error" role="alert">{error}</small> : null}
        </div>
        <div class="row">
          <Field label="Company" value={draft.company} onValue={set('company')} autoComplete="off" />
          <Field label="Title" value={draft.title} onValue={set('title')} autoComplete="off" />
        </div>
        <div class="row">
          <Field label="Email" type="email" value={draft.email} onValue={set('email')} autoComplete="off"
            error={badEmail ? 'This does not look like an email address.' : undefined} />
          <Field label="Phone" type="tel" value={draft.phone} onValue={set('phone')} autoComplete="off" />
        </div>
        <Select label="Tier" value={draft.tier} onValue={set('tier')} options={[['', 'Not yet'], ...TIERS]} />
        <TextArea label="What they need (one per line)" value={draft.needs} onValue={set('needs')} rows={2} />
        <TextArea label="How you could help (one per line)" value={draft.offers} onValue={set('offers')} rows={2} />
        <TextArea label="Note" value={draft.notes} onValue={set('notes')} rows={2} />
        <div class="row">
          <button type="submit" class="primary">Save person</button>
        </div>
      </form>
      {saved ? (
        <p class="notice" role="status">
          Saved {saved.name} on this device. <a href={`/contacts/${saved.id}`}>Open</a>{' · '}
          <button type="button" class="link" onClick={() => route(`/contacts/${saved.id}#log`)}>Log a coffee or call</button>
        </p>
      ) : null}
    </Page>
  )
}
