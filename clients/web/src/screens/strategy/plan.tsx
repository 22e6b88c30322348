// The plan fitted to the member: what it is (the device's copy, else the server's defaults),
// editing it (PUT online, the outbox offline), the eight-question questionnaire that sets it,
// and the adjustments it proposes from outcomes (never applied by itself).
import { useState } from 'preact/hooks'

import { ApiError, request } from '../../lib/api'
import { session } from '../../lib/auth'
import { db, type LocalRecord } from '../../lib/db'
import { useLive } from '../../lib/live'
import { save } from '../../lib/outbox'
import { Offline } from '../../lib/sync'
import { status, syncNow } from '../../lib/syncer'
import { Empty, Field, Select, StateBadge } from '../../ui'
import { CheckGroup, ProblemNote, RadioGroup, ReadState, RejectedNote, SavedNote, fieldErrors, options, useCached } from './common'
import {
  type AnswerForm, CHANNELS, COMMITMENT_WHATS, type PlanForm, type Question, STYLES, answersFrom, channelTotal, choicesOf,
  errorsUnder, flattenErrors, planFields, planForm, unanswered, words,
} from './logic'

type Plan = Record<string, any>
const DAYS: [string, string][] = [['1', 'Mon'], ['2', 'Tue'], ['3', 'Wed'], ['4', 'Thu'], ['5', 'Fri'], ['6', 'Sat'], ['7', 'Sun']]

function PlanView({ plan, row }: { plan: Plan; row?: LocalRecord }) {
  const hours = plan.working_hours ?? {}
  return (
    <div class="card" data-testid="plan">
      <h3>{words(String(plan.style))} plan {row ? <StateBadge state={row._state} /> : null}</h3>
      {plan.is_default ? <p class="muted">Your style's defaults: answer the questionnaire to fit the plan to you.</p> : null}
      <RejectedNote problem={row?._problem} />
      <dl class="plan-facts">
        <dt>Touches a week</dt><dd>{plan.weekly_budget}</dd>
        <dt>Follow up after</dt><dd>{plan.follow_up_days} days</dd>
        <dt>Nudges a day, at most</dt><dd>{plan.max_nudges_per_day}</dd>
        <dt>Time zone</dt><dd>{plan.timezone || 'Your account\'s'}</dd>
        <dt>Nudge hours</dt><dd>{hours.start}–{hours.end}, {(hours.days ?? []).map((d: number) => DAYS[d - 1]?.[1]).join(' ')}</dd>
        <dt>You offer</dt><dd>{plan.offers?.length ? plan.offers.join(', ') : 'nothing named yet'}</dd>
      </dl>
      {plan.channels && Object.keys(plan.channels).length ? (
        <table>
          <caption>Channel mix</caption>
          <thead><tr><th scope="col">Channel</th><th scope="col">Share of touches</th></tr></thead>
          <tbody>{Object.entries(plan.channels as Record<string, number>).map(([c, v]) => <tr key={c}><td>{c}</td><td>{Math.round(v * 100)}%</td></tr>)}</tbody>
        </table>
      ) : null}
      <h3>Commitments</h3>
      {plan.commitments?.length ? (
        <ul>{plan.commitments.map((c: any, i: number) => <li key={i}>{c.count} × {words(c.what)} a {c.per}</li>)}</ul>
      ) : <Empty>No commitments.</Empty>}
      {plan.reasoning?.length ? (
        <>
          <h3>Why this plan</h3>
          <ul>{plan.reasoning.map((r: string, i: number) => <li key={i}>{r}</li>)}</ul>
        </>
      ) : null}
    </div>
  )
}

function PlanEditor({ plan, row, memberId, onDone }: { plan: Plan; row?: LocalRecord; memberId: string; onDone: () => void }) {
  const [form, setForm] = useState<PlanForm>(() => planForm(plan))
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState<'online' | 'outbox' | null>(null)
  const errors = { ...flattenErrors(row?._problem?.errors), ...fieldErrors(error) }
  const set = (patch: Partial<PlanForm>) => { setForm({ ...form, ...patch }); setSaved(null) }
  const total = channelTotal(form)

  async function submit(e: Event) {
    e.preventDefault()
    setError(null)
    const fields = planFields(form)
    const viaOutbox = async () => { await save('plan', memberId, fields); setSaved('outbox') }
    try {
      if (!status.value.online || row?._state === 'local') await viaOutbox()
      else {
        await request('PUT', '/v1/plan', fields)
        setSaved('online')
        void syncNow()
      }
    } catch (err) {
      if (err instanceof Offline) await viaOutbox().catch(setError)
      else setError(err)
    }
  }

  return (
    <form onSubmit={submit} aria-label="Edit the plan" noValidate>
      <Select label="Style" value={form.style} onValue={(style) => set({ style })} options={options(STYLES)} error={errors.style} />
      <div class="row">
        <Field label="Touches a week" type="number" value={form.weekly_budget} onValue={(weekly_budget) => set({ weekly_budget })} error={errors.weekly_budget} hint="0–50" />
        <Field label="Follow up after (days)" type="number" value={form.follow_up_days} onValue={(follow_up_days) => set({ follow_up_days })} error={errors.follow_up_days} hint="0–30" />
        <Field label="Nudges a day, at most" type="number" value={form.max_nudges_per_day} onValue={(max_nudges_per_day) => set({ max_nudges_per_day })} error={errors.max_nudges_per_day} hint="1–20" />
      </div>
      <Field label="Time zone (IANA, e.g. Europe/Berlin; blank: your account's)" value={form.timezone} onValue={(timezone) => set({ timezone })} error={errors.timezone} />
      <div class="row">
        <Field label="Nudges from (HH:MM)" value={form.start} onValue={(start) => set({ start })} error={errors['working_hours.start']} />
        <Field label="Nudges until (HH:MM)" value={form.end} onValue={(end) => set({ end })} error={errors['working_hours.end']} />
      </div>
      <CheckGroup legend="Days to be nudged on" values={form.days.map(String)} options={DAYS}
        onValues={(v) => set({ days: v.map(Number) })} error={errors['working_hours.days'] ?? errors.working_hours} />
      <Field label="What you can offer (comma-separated)" value={form.offers} onValue={(offers) => set({ offers })} error={errors.offers} />
      <fieldset class="choices">
        <legend>Channel mix (percent of the weekly touches; total {total}%)</legend>
        <div class="row">
          {CHANNELS.map((c) => (
            <Field key={c} label={`${c} %`} type="number" value={form.channels[c]}
              onValue={(v) => set({ channels: { ...form.channels, [c]: v } })} />
          ))}
        </div>
        {total !== 100 && total !== 0 ? <small class="hint">The shares must add up to 100%.</small> : null}
        {errors.channels ? <small class="error" role="alert">{errors.channels}</small> : null}
      </fieldset>
      <fieldset class="choices">
        <legend>Commitments</legend>
        {form.commitments.map((c, i) => {
          const mine = errorsUnder(errors, `commitments.${i}`)
          const put = (patch: Partial<typeof c>) => set({ commitments: form.commitments.map((x, j) => (j === i ? { ...x, ...patch } : x)) })
          return (
            <div class="row commitment" key={i}>
              <Select label={`Commitment ${i + 1}: what`} value={c.what} onValue={(what) => put({ what })} options={options(COMMITMENT_WHATS)} error={mine.what} />
              <Field label={`Commitment ${i + 1}: how many`} type="number" value={c.count} onValue={(count) => put({ count })} error={mine.count} />
              <Select label={`Commitment ${i + 1}: per`} value={c.per} onValue={(per) => put({ per })} options={[['week', 'week'], ['month', 'month']]} error={mine.per} />
              <button type="button" class="danger" onClick={() => set({ commitments: form.commitments.filter((_, j) => j !== i) })}>
                Remove<span class="sr-only"> commitment {i + 1}</span>
              </button>
            </div>
          )
        })}
        {errors.commitments ? <small class="error" role="alert">{errors.commitments}</small> : null}
        <button type="button" onClick={() => set({ commitments: [...form.commitments, { what: 'coffee', count: '1', per: 'week' }] })}>Add a commitment</button>
      </fieldset>
      <div class="row">
        <button type="submit" class="primary">Save plan</button>
        <button type="button" onClick={onDone}>Done</button>
      </div>
      {saved === 'online' ? <p class="notice" role="status">Plan saved.</p> : saved === 'outbox' ? <SavedNote online={status.value.online} /> : null}
      <ProblemNote error={error} shown={Object.keys(fieldErrors(error))} />
    </form>
  )
}

function QuestionBlock({ q, value, onValue, error }: { q: Question; value: string | string[] | undefined; onValue: (v: string | string[]) => void; error?: string }) {
  const legend = `${q.text}${q.required ? '' : ' (optional)'}`
  if (q.kind === 'choice' || q.kind === 'scale') {
    return <RadioGroup legend={legend} name={`q-${q.id}`} value={String(value ?? '')} options={choicesOf(q).map((o) => [o, words(o)])} onValue={onValue} error={error} />
  }
  if (q.kind === 'multi') {
    return <CheckGroup legend={legend} values={Array.isArray(value) ? value : []} options={q.options.map((o) => [o, words(o)])} onValues={onValue} error={error} />
  }
  return (
    <fieldset class="choices">
      <legend>{legend}</legend>
      <Field label={q.kind === 'integer' ? `Hours (${q.min ?? 0}–${q.max ?? ''})` : 'Comma-separated'} type={q.kind === 'integer' ? 'number' : 'text'}
        value={String(value ?? '')} onValue={onValue} error={error} />
    </fieldset>
  )
}

function initialAnswers(plan: Plan | undefined): AnswerForm {
  const a = (plan?.answers ?? {}) as Record<string, unknown>
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => [k, Array.isArray(v) ? (k === 'offers' ? v.join(', ') : v.map(String)) : String(v)]))
}

function Questionnaire({ plan, onSet }: { plan?: Plan; onSet: () => void }) {
  const loaded = useCached<{ questions: Question[] }>('/v1/plan/questionnaire')
  const [form, setForm] = useState<AnswerForm>(() => initialAnswers(plan))
  const [mine, setMine] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [result, setResult] = useState<Plan | null>(null)
  const [busy, setBusy] = useState(false)
  const questions = loaded.value?.questions ?? []
  const errors = { ...errorsUnder(fieldErrors(error), 'answers'), ...mine }

  async function submit(e: Event) {
    e.preventDefault()
    setError(null)
    const missing = unanswered(questions, form)
    setMine(Object.fromEntries(missing.map((id) => [id, 'Answer this question.'])))
    if (missing.length) return
    setBusy(true)
    try {
      const plan = await request<Plan>('POST', '/v1/plan/questionnaire', { answers: answersFrom(questions, form) })
      setResult(plan)
      onSet()
      void syncNow()
    } catch (err) { setError(err) } finally { setBusy(false) }
  }

  return (
    <section aria-labelledby="questionnaire-title">
      <h2 id="questionnaire-title">Fit the plan to you</h2>
      <ReadState loaded={loaded} what="the questionnaire" />
      {questions.length ? (
        <form onSubmit={submit} aria-label="Questionnaire" noValidate>
          {questions.map((q) => (
            <QuestionBlock key={q.id} q={q} value={form[q.id]} error={errors[q.id]}
              onValue={(v) => { setForm({ ...form, [q.id]: v }); setResult(null) }} />
          ))}
          <button type="submit" class="primary" disabled={busy}>{busy ? 'Setting the plan…' : 'Set my plan from these answers'}</button>
          {Object.keys(mine).length ? <p class="error" role="alert">{Object.keys(mine).length} question(s) still need an answer.</p> : null}
          <ProblemNote error={error} shown={Object.keys(fieldErrors(error))} />
          {result ? (
            <div class="notice" role="status">
              <p>Your plan is set: {words(String(result.style))}, {result.weekly_budget} touches a week.</p>
              <ul>{(result.reasoning ?? []).map((r: string, i: number) => <li key={i}>{r}</li>)}</ul>
            </div>
          ) : null}
        </form>
      ) : null}
    </section>
  )
}

interface Suggestion { id: string; rule: string; status: string; changes: Record<string, unknown>; reason: string; week: string }

function Suggestions({ onDecided }: { onDecided: () => void }) {
  const loaded = useCached<{ items: Suggestion[] }>('/v1/plan/suggestions')
  const [error, setError] = useState<unknown>(null)
  const [note, setNote] = useState<string | null>(null)
  async function decide(s: Suggestion, how: 'accept' | 'decline') {
    setError(null)
    setNote(null)
    try {
      await request('POST', `/v1/plan/suggestions/${encodeURIComponent(s.id)}/${how}`)
      setNote(how === 'accept' ? 'Accepted: the plan changed.' : 'Declined: this rule proposes nothing for four weeks.')
      onDecided()
      void syncNow()
    } catch (err) {
      if (err instanceof ApiError && err.slug === 'suggestion-decided') {
        setNote(`This suggestion was already decided (accepted, declined or expired): ${err.message}`)
      } else setError(err)
    }
    await loaded.reload()
  }
  return (
    <section aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">What the plan proposes</h2>
      <ReadState loaded={loaded} what="suggestions" />
      {note ? <p class="notice" role="status" data-testid="suggestion-note">{note}</p> : null}
      <ProblemNote error={error} />
      {loaded.value?.items.length ? (
        <ul class="list">
          {loaded.value.items.map((s) => (
            <li key={s.id} data-testid="suggestion">
              <div class="grow">
                <h3>{words(s.rule)} <span class="chip">{s.week}</span></h3>
                <p>{s.reason}</p>
                <p class="muted">Changes: {Object.entries(s.changes).map(([k, v]) => `${words(k)} → ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ')}</p>
              </div>
              <div class="row">
                <button type="button" class="primary" onClick={() => decide(s, 'accept')}>Accept<span class="sr-only"> {words(s.rule)}</span></button>
                <button type="button" onClick={() => decide(s, 'decline')}>Decline<span class="sr-only"> {words(s.rule)}</span></button>
              </div>
            </li>
          ))}
        </ul>
      ) : loaded.value ? <Empty>Nothing proposed: the plan suggests changes from how your nudges and commitments go.</Empty> : null}
    </section>
  )
}

export function PlanScreen() {
  const who = useLive(() => session(), [])
  const memberId = who?.member_id ?? ''
  const row = useLive(async () => (memberId ? db().plan.get(memberId) : undefined), [memberId])
  const lastOk = status.value.lastOk
  const rest = useCached<Plan>('/v1/plan', [lastOk])
  const [editing, setEditing] = useState(false)
  const plan: Plan | undefined = row && !row._deleted ? row : rest.value
  return (
    <>
      <section aria-labelledby="plan-title">
        <div class="section-head">
          <h2 id="plan-title">Your plan</h2>
          {plan && !editing ? <button type="button" onClick={() => setEditing(true)}>Edit plan</button> : null}
        </div>
        {row ? null : <ReadState loaded={rest} what="the plan" />}
        {plan ? (editing && memberId
          ? <PlanEditor plan={plan} row={row} memberId={memberId} onDone={() => setEditing(false)} />
          : <PlanView plan={plan} row={row} />) : null}
      </section>
      <Questionnaire key={plan ? 'plan' : 'none'} plan={plan} onSet={() => void rest.reload()} />
      <Suggestions onDecided={() => void rest.reload()} />
    </>
  )
}
