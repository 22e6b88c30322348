// The ultimate goal and its path: goals from the device's store (they show offline), created
// and edited through the outbox, and each goal's coverage — who in the network covers each
// need of its milestones — from the server, kept for offline.
import { useLocation } from 'preact-iso'
import { useState } from 'preact/hooks'

import { db, type LocalRecord } from '../../lib/db'
import { useLive } from '../../lib/live'
import { newId, remove, save } from '../../lib/outbox'
import { status } from '../../lib/syncer'
import { ConflictPanel } from '../../conflict'
import { Empty, Field, Select, StateBadge, TextArea } from '../../ui'
import { ProblemNote, ReadState, RejectedNote, SavedNote, options, useCached } from './common'
import {
  type Coverage, type GoalForm, type MilestoneForm, GOAL_STATUSES, HORIZONS, MILESTONE_KINDS, MILESTONE_STATUSES,
  VERDICT_TEXT, changedFields, coverageSummary, emptyMilestone, errorsUnder, flattenErrors, goalFields, goalForm,
  goalProblems, needText, openedByText, words,
} from './logic'

const fieldLabel = (field: string) => (field.charAt(0).toUpperCase() + field.slice(1)).replace(/_/g, ' ')

export function useGoals(): LocalRecord[] | undefined {
  return useLive(async () => (await db().goals.toArray()).filter((g) => !g._deleted), [])
}

export const isActiveUltimate = (g: LocalRecord) => g.horizon === 'ultimate' && (g.status ?? 'active') === 'active'

function Milestones({ goal }: { goal: LocalRecord }) {
  const items = (goal.milestones ?? []) as Record<string, any>[]
  if (!items.length) return <Empty>No milestones yet: what would the résumé have to show?</Empty>
  return (
    <ol class="path">
      {items.map((m, i) => (
        <li key={m.milestone_id ?? i} class="milestone">
          <span class="grow">
            <strong>{m.title}</strong> <span class="chip">{words(m.kind)}</span> <span class="chip">{words(m.status ?? 'open')}</span>
            {m.kind === 'relationship' ? <span class="muted"> — know: {needText(m)}</span> : null}
            {m.opened_by?.length ? <span class="muted"> — opened by {openedByText(m.opened_by)}</span> : null}
            {m.done_when ? <span class="muted block">Done when: {m.done_when}</span> : null}
            {m.due_date ? <span class="muted block">Due {m.due_date}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  )
}

function GoalSummary({ goal }: { goal: LocalRecord }) {
  return (
    <div class="card goal" data-testid="goal">
      <h3><a href={`/strategy/goals/${goal.id}`}>{String(goal.title)}</a> <StateBadge state={goal._state} /></h3>
      <p class="muted">
        {words(String(goal.horizon))} goal, {String(goal.status ?? 'active')}
        {goal.target_date ? `, by ${goal.target_date}` : ''}
      </p>
      {goal.why ? <p>{String(goal.why)}</p> : null}
      <RejectedNote problem={goal._problem} />
      <Milestones goal={goal} />
      <a href={`/strategy/goals/${goal.id}`}>Coverage and edit</a>
    </div>
  )
}

export function Overview() {
  const goals = useGoals()
  if (!goals) return <p class="muted" role="status">Loading goals…</p>
  const ultimate = goals.find(isActiveUltimate)
  const others = goals.filter((g) => g !== ultimate)
  return (
    <>
      <h2>Your ultimate goal</h2>
      {ultimate ? <GoalSummary goal={ultimate} /> : (
        <>
          <Empty>No ultimate goal yet. Start from the crown of your career: what would you be, and who would you have known?</Empty>
          <a class="button primary" href="/strategy/goals/new">Set your ultimate goal</a>
        </>
      )}
      <h2>Other goals</h2>
      {others.length ? others.map((g) => <GoalSummary key={g.id} goal={g} />) : <Empty>No interim or past goals.</Empty>}
      {ultimate ? <a class="button" href="/strategy/goals/new">New interim goal</a> : null}
    </>
  )
}

function MilestoneEditor({ m, index, count, errors, onChange, onMove, onRemove }: {
  m: MilestoneForm; index: number; count: number; errors: Record<string, string>
  onChange: (m: MilestoneForm) => void; onMove: (by: number) => void; onRemove: () => void
}) {
  const set = (patch: Partial<MilestoneForm>) => onChange({ ...m, ...patch })
  return (
    <fieldset class="card milestone-edit" data-testid="milestone-edit">
      <legend>Milestone {index + 1}{m.title ? `: ${m.title}` : ''}</legend>
      <div class="row">
        <Select label="Kind" value={m.kind} onValue={(kind) => set({ kind })} options={options(MILESTONE_KINDS)} error={errors.kind} />
        <Select label="Status" value={m.status} onValue={(s) => set({ status: s })} options={options(MILESTONE_STATUSES)} error={errors.status} />
      </div>
      <Field label="Milestone title" value={m.title} onValue={(title) => set({ title })} error={errors.title} />
      {m.kind === 'relationship' ? (
        <div class="row">
          <Field label="Role to know" placeholder="e.g. CTO" value={m.role} onValue={(role) => set({ role })} error={errors.role ?? errors._} />
          <Field label="Organisation" placeholder="e.g. Acme" value={m.organisation} onValue={(organisation) => set({ organisation })} error={errors.organisation} />
          <Field label="Sector" placeholder="e.g. fintech" value={m.sector} onValue={(sector) => set({ sector })} error={errors.sector} />
        </div>
      ) : null}
      {m.kind === 'position' || m.kind === 'experience' ? (
        <Field label="Opened by (roles, comma-separated)" placeholder="e.g. CEO, head of engineering" value={m.opened_by}
          onValue={(opened_by) => set({ opened_by })} error={errors.opened_by ?? errors['opened_by.0']} />
      ) : null}
      <Field label="Done when" value={m.done_when} onValue={(done_when) => set({ done_when })} error={errors.done_when} />
      <Field label="Due date" type="date" value={m.due_date} onValue={(due_date) => set({ due_date })} error={errors.due_date} />
      <div class="row">
        <button type="button" onClick={() => onMove(-1)} disabled={index === 0}>Move up<span class="sr-only"> milestone {index + 1}</span></button>
        <button type="button" onClick={() => onMove(1)} disabled={index === count - 1}>Move down<span class="sr-only"> milestone {index + 1}</span></button>
        <button type="button" class="danger" onClick={onRemove}>Remove<span class="sr-only"> milestone {index + 1}</span></button>
      </div>
    </fieldset>
  )
}

export function GoalEditor({ row, goals, onSaved }: { row?: LocalRecord; goals: LocalRecord[]; onSaved?: (id: string) => void }) {
  const ultimate = goals.find((g) => isActiveUltimate(g) && g.id !== row?.id)
  const [form, setForm] = useState<GoalForm>(() => goalForm(row, ultimate ? { horizon: 'interim', parent_goal_id: ultimate.id } : {}))
  const [mine, setMine] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const isNew = !row
  const errors = { ...flattenErrors(row?._problem?.errors), ...mine }
  const set = (patch: Partial<GoalForm>) => { setForm({ ...form, ...patch }); setSaved(null) }
  const setMilestones = (milestones: MilestoneForm[]) => set({ milestones })
  const ultimates = goals.filter((g) => g.horizon === 'ultimate' && g.id !== row?.id)

  async function submit(e: Event) {
    e.preventDefault()
    setError(null)
    const problems = goalProblems(form)
    setMine(problems)
    if (Object.keys(problems).length) return
    try {
      if (isNew) {
        const id = newId()
        await save('goals', id, goalFields(form, true))
        onSaved?.(id)
      } else {
        const changed = changedFields(row, goalFields(form, false))
        if (!Object.keys(changed).length) { setSaved('Nothing changed.'); return }
        await save('goals', row.id, changed)
      }
      setSaved('saved')
    } catch (err) {
      setError(err)
    }
  }

  return (
    <form onSubmit={submit} class="goal-form" aria-label={isNew ? 'New goal' : 'Edit goal'} noValidate>
      <Field label="Goal title" placeholder="e.g. CTO of a fintech" value={form.title} onValue={(title) => set({ title })} required error={errors.title} />
      <div class="row">
        {isNew ? (
          <Select label="Horizon" value={form.horizon} onValue={(horizon) => set({ horizon })} error={errors.horizon}
            options={options(HORIZONS, (h) => (h === 'ultimate' ? 'Ultimate (the crown of your career)' : 'Interim (a step toward it)'))} />
        ) : (
          <Select label="Goal status" value={form.status} onValue={(s) => set({ status: s })} options={options(GOAL_STATUSES)} error={errors.status} />
        )}
        <Field label="Target date" type="date" value={form.target_date} onValue={(target_date) => set({ target_date })} error={errors.target_date} />
      </div>
      {form.horizon === 'interim' ? (
        <Select label="Serves the ultimate goal" value={form.parent_goal_id} onValue={(parent_goal_id) => set({ parent_goal_id })}
          error={errors.parent_goal_id} options={[['', 'None'], ...ultimates.map((g): [string, string] => [g.id, String(g.title)])]} />
      ) : null}
      <TextArea label="Why" value={form.why} onValue={(why) => set({ why })} error={errors.why} />
      <h3>The path</h3>
      {form.milestones.length ? null : <Empty>Add the positions, training, experience and relationships on the way.</Empty>}
      {form.milestones.map((m, i) => (
        <MilestoneEditor key={i} m={m} index={i} count={form.milestones.length} errors={errorsUnder(errors, `milestones.${i}`)}
          onChange={(next) => setMilestones(form.milestones.map((x, j) => (j === i ? next : x)))}
          onMove={(by) => {
            const items = [...form.milestones]
            const [moved] = items.splice(i, 1)
            items.splice(i + by, 0, moved)
            setMilestones(items)
          }}
          onRemove={() => setMilestones(form.milestones.filter((_, j) => j !== i))} />
      ))}
      {errors.milestones ? <p class="error" role="alert">{errors.milestones}</p> : null}
      <div class="row">
        <button type="button" onClick={() => setMilestones([...form.milestones, emptyMilestone()])}>Add a milestone</button>
        <button type="submit" class="primary">{isNew ? 'Save goal' : 'Save changes'}</button>
      </div>
      {Object.keys(mine).length ? <p class="error" role="alert">Some fields need attention (marked above).</p> : null}
      {saved === 'saved' ? <SavedNote online={status.value.online} /> : saved ? <p role="status">{saved}</p> : null}
      <ProblemNote error={error} />
    </form>
  )
}

export function NewGoal() {
  const goals = useGoals()
  const { route } = useLocation()
  if (!goals) return <p class="muted" role="status">Loading goals…</p>
  return (
    <>
      <h2>{goals.some(isActiveUltimate) ? 'A new interim goal' : 'Your ultimate goal and its path'}</h2>
      <GoalEditor goals={goals} onSaved={(id) => route(`/strategy/goals/${id}`)} />
    </>
  )
}

function Person({ c }: { c: { display_name: string; title?: string | null; company?: string | null; strength: { level: string; reason: string } } }) {
  const what = [c.title, c.company && `at ${c.company}`].filter(Boolean).join(' ')
  return (
    <>
      <strong>{c.display_name}</strong>{what ? ` (${what})` : ''} — <span class={`strength strength-${c.strength.level}`}>{c.strength.level}</span>
      <span class="muted block">{c.strength.reason}</span>
    </>
  )
}

export function CoveragePanel({ goal }: { goal: LocalRecord }) {
  const synced = goal.version !== undefined
  const lastOk = status.value.lastOk
  const loaded = useCached<Coverage>(synced ? `/v1/goals/${encodeURIComponent(goal.id)}/coverage` : null, [lastOk])
  const c = loaded.value
  return (
    <section aria-labelledby="coverage-title" class="coverage">
      <div class="section-head">
        <h2 id="coverage-title">Coverage</h2>
        <button type="button" onClick={() => void loaded.reload()} disabled={!synced || loaded.loading}>
          {loaded.loading ? 'Refreshing…' : 'Refresh'}<span class="sr-only"> coverage</span>
        </button>
      </div>
      {!synced ? <p class="notice" role="status">Coverage shows once this goal has reached the server (it syncs soon).</p> : null}
      <ReadState loaded={loaded} what="coverage" />
      {c ? (
        <>
          <p class="muted" data-testid="coverage-summary">{coverageSummary(c)}; as of {new Date(c.as_of).toLocaleString()}.</p>
          {c.milestones.map((m) => (
            <div key={m.milestone_id} class="card" data-testid="milestone-coverage" data-milestone={m.title} data-verdict={m.verdict ?? 'none'}>
              <h3>{m.title} <span class="chip">{words(m.kind)}</span> <span class="chip">{words(m.status)}</span></h3>
              {m.needs.length ? (
                <ul class="list">
                  {m.needs.map((n) => (
                    <li key={n.need} data-testid="need" data-verdict={n.verdict}>
                      <span class="grow">
                        <span class={`verdict verdict-${n.verdict}`}>{VERDICT_TEXT[n.verdict] ?? n.verdict}</span>{' '}
                        <strong>{needText(n)}</strong> <span class="muted">({n.fitting} fitting)</span>
                        <span class="block">{n.reason}</span>
                        {n.contacts.length ? (
                          <>
                            <span class="block muted">Who covers it:</span>
                            <ul class="people">{n.contacts.map((p) => <li key={p.contact_id}><Person c={p} /></li>)}</ul>
                          </>
                        ) : null}
                        {n.verdict === 'missing' && n.connector ? (
                          <span class="block">Ask: <Person c={n.connector} /></span>
                        ) : n.verdict === 'missing' ? <span class="block muted">Nobody to ask yet: capture who you meet.</span> : null}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : <p class="muted">Needs nobody.</p>}
            </div>
          ))}
        </>
      ) : null}
    </section>
  )
}

export function GoalDetail({ id }: { id: string }) {
  const goals = useGoals()
  const { route } = useLocation()
  const [deleting, setDeleting] = useState(false)
  if (!goals) return <p class="muted" role="status">Loading goal…</p>
  const goal = goals.find((g) => g.id === id)
  if (!goal) return <><h2>Goal not found</h2><Empty>This goal is not on this device. <a href="/strategy">Back to your goals</a></Empty></>
  return (
    <>
      <h2>{String(goal.title)} <StateBadge state={goal._state} /></h2>
      <p class="muted">{words(String(goal.horizon))} goal, {String(goal.status ?? 'active')}{goal.target_date ? `, by ${goal.target_date}` : ''}</p>
      <RejectedNote problem={goal._problem} />
      {goal._state === 'conflict' ? <ConflictPanel record={goal} collection="goals" label={fieldLabel} /> : null}
      <Milestones goal={goal} />
      <CoveragePanel goal={goal} />
      <h2>Edit the goal</h2>
      <GoalEditor key={`${goal.id}:${goal.version ?? 0}`} row={goal} goals={goals} />
      <div class="row">
        {deleting ? (
          <>
            <button type="button" class="danger" onClick={async () => { await remove('goals', goal.id); route('/strategy') }}>Yes, delete this goal</button>
            <button type="button" onClick={() => setDeleting(false)}>Keep it</button>
          </>
        ) : <button type="button" class="danger" onClick={() => setDeleting(true)}>Delete goal</button>}
      </div>
    </>
  )
}
