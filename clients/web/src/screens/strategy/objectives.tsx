// Networking objectives: the records from the device's store (offline), their progress from
// the server (computed there from the network), a new one through the outbox, and the first
// objective the service proposes (accepting one saves its `objective`).
import { useState } from 'preact/hooks'

import { db, type LocalRecord } from '../../lib/db'
import { useLive } from '../../lib/live'
import { newId, save } from '../../lib/outbox'
import { status } from '../../lib/syncer'
import { Empty, Field, Select, StateBadge } from '../../ui'
import { ProblemNote, ReadState, RejectedNote, SavedNote, options, useCached } from './common'
import { useGoals } from './goals'
import {
  CHANNELS, KIND_TEXT, OBJECTIVE_KINDS, type ObjectiveForm, PERIODIC_KINDS, type Progress, TIERS, emptyObjective,
  objectiveFields, objectiveProblems, progressText,
} from './logic'

interface RestObjective { id: string; progress?: Progress }
interface Proposal { objective: Record<string, unknown> | null; contact_ids: string[]; reason: string }

function ObjectiveItem({ o, progress }: { o: LocalRecord; progress?: Progress }) {
  const pct = progress ? Math.min(100, Math.round((progress.count / Math.max(1, progress.target)) * 100)) : 0
  const crit = (o.criteria ?? {}) as Record<string, string | null>
  const what = ['role', 'organisation', 'sector', 'tier', 'channel'].map((k) => crit[k] && `${k}: ${crit[k]}`).filter(Boolean)
  return (
    <li data-testid="objective">
      <div class="grow">
        <h3>{String(o.title)} <StateBadge state={o._state} /></h3>
        <p class="muted">
          {KIND_TEXT[String(o.kind)] ?? String(o.kind)} · target {String(o.target ?? 1)}{o.per ? ` a ${o.per}` : ''}
          {o.due_date ? ` · due ${o.due_date}` : ''} · {String(o.status ?? 'active')}
          {what.length ? ` · ${what.join(', ')}` : ''}
        </p>
        {progress ? <progress class="progress" max={100} value={pct} aria-label={`Progress of ${String(o.title)}`}>{pct}%</progress> : null}
        <p>{progressText(progress)}</p>
        <RejectedNote problem={o._problem} />
      </div>
    </li>
  )
}

function ObjectiveEditor({ goals }: { goals: LocalRecord[] }) {
  const [form, setForm] = useState<ObjectiveForm>(emptyObjective)
  const [mine, setMine] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const set = (patch: Partial<ObjectiveForm>) => { setForm({ ...form, ...patch }); setSaved(false) }
  const goal = goals.find((g) => g.id === form.goal_id)
  const milestones = ((goal?.milestones ?? []) as { milestone_id?: string; title: string }[]).filter((m) => m.milestone_id)

  async function submit(e: Event) {
    e.preventDefault()
    setError(null)
    const problems = objectiveProblems(form)
    setMine(problems)
    if (Object.keys(problems).length) return
    try {
      await save('objectives', newId(), objectiveFields(form))
      setForm(emptyObjective())
      setSaved(true)
    } catch (err) { setError(err) }
  }

  return (
    <form onSubmit={submit} aria-label="New objective" noValidate>
      <Field label="Objective" placeholder="e.g. Meet two fintech CTOs by March" value={form.title} onValue={(title) => set({ title })} error={mine.title} />
      <div class="row">
        <Select label="Kind" value={form.kind} onValue={(kind) => set({ kind })} options={OBJECTIVE_KINDS.map((k) => [k, KIND_TEXT[k]])} />
        <Field label="Target" type="number" value={form.target} onValue={(target) => set({ target })} error={mine.target} />
        {PERIODIC_KINDS.includes(form.kind) ? (
          <Select label="Counted" value={form.per} onValue={(per) => set({ per })} options={[['', 'In total'], ['week', 'Per week'], ['month', 'Per month']]} />
        ) : null}
      </div>
      <div class="row">
        <Field label="Starts on (default today)" type="date" value={form.starts_on} onValue={(starts_on) => set({ starts_on })} error={mine.starts_on} />
        <Field label="Due date" type="date" value={form.due_date} onValue={(due_date) => set({ due_date })} error={mine.due_date} required />
      </div>
      <div class="row">
        <Select label="For goal" value={form.goal_id} onValue={(goal_id) => set({ goal_id, milestone_id: '' })}
          options={[['', 'No goal'], ...goals.map((g): [string, string] => [g.id, String(g.title)])]} />
        {milestones.length ? (
          <Select label="Milestone" value={form.milestone_id} onValue={(milestone_id) => set({ milestone_id })}
            options={[['', 'No milestone'], ...milestones.map((m): [string, string] => [m.milestone_id!, m.title])]} />
        ) : null}
      </div>
      <fieldset class="choices">
        <legend>Whom it counts (optional)</legend>
        <div class="row">
          <Field label="Role" value={form.role} onValue={(role) => set({ role })} />
          <Field label="Organisation" value={form.organisation} onValue={(organisation) => set({ organisation })} />
          <Field label="Sector" value={form.sector} onValue={(sector) => set({ sector })} />
          <Select label="Tier" value={form.tier} onValue={(tier) => set({ tier })} options={[['', 'Any tier'], ...options(TIERS)]} />
          {form.kind === 'touches' ? (
            <Select label="Channel" value={form.channel} onValue={(channel) => set({ channel })}
              options={[['', 'Choose a channel'], ...options(CHANNELS)]} error={mine['criteria.channel']} />
          ) : null}
        </div>
      </fieldset>
      <button type="submit" class="primary">Add objective</button>
      {saved ? <SavedNote online={status.value.online} /> : null}
      <ProblemNote error={error} />
    </form>
  )
}

function Proposals() {
  const loaded = useCached<{ items: Proposal[] }>('/v1/objectives/proposals')
  const [accepted, setAccepted] = useState<number[]>([])
  const [error, setError] = useState<unknown>(null)
  async function accept(p: Proposal, i: number) {
    setError(null)
    try {
      await save('objectives', newId(), p.objective!)
      setAccepted([...accepted, i])
    } catch (err) { setError(err) }
  }
  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title">Proposed: your first objective</h2>
      <ReadState loaded={loaded} what="proposals" />
      {loaded.value?.items.length ? (
        <ul class="list">
          {loaded.value.items.map((p, i) => (
            <li key={i} data-testid="proposal">
              <div class="grow">
                {p.objective ? <h3>{String(p.objective.title)}</h3> : null}
                <p>{p.reason}</p>
              </div>
              {p.objective ? (
                accepted.includes(i) ? <span role="status">Accepted — {status.value.online ? 'syncing' : 'offline — will sync'}</span>
                  : <button type="button" onClick={() => accept(p, i)}>Accept<span class="sr-only"> {String(p.objective.title)}</span></button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : loaded.value ? <Empty>Nothing proposed.</Empty> : null}
      <ProblemNote error={error} />
    </section>
  )
}

export function Objectives() {
  const rows = useLive(async () => (await db().objectives.toArray()).filter((o) => !o._deleted), [])
  const goals = useGoals() ?? []
  const lastOk = status.value.lastOk
  const rest = useCached<{ items: RestObjective[] }>('/v1/objectives?limit=200', [lastOk])
  const progress = new Map((rest.value?.items ?? []).map((o) => [o.id, o.progress]))
  return (
    <>
      <section aria-labelledby="objectives-title">
        <div class="section-head">
          <h2 id="objectives-title">Your objectives</h2>
          <button type="button" onClick={() => void rest.reload()} disabled={rest.loading}>Refresh<span class="sr-only"> progress</span></button>
        </div>
        <ReadState loaded={rest} what="progress" />
        {!rows ? <p class="muted" role="status">Loading objectives…</p> : rows.length ? (
          <ul class="list">{rows.map((o) => <ObjectiveItem key={o.id} o={o} progress={progress.get(o.id)} />)}</ul>
        ) : <Empty>No objectives yet: concrete, measurable, dated — e.g. meet two product leads by March.</Empty>}
      </section>
      <Proposals />
      <section aria-labelledby="new-objective-title">
        <h2 id="new-objective-title">New objective</h2>
        <ObjectiveEditor goals={goals} />
      </section>
    </>
  )
}
