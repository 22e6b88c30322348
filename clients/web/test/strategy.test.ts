import { describe, expect, it } from 'vitest'

import {
  type Review, answersFrom, changedFields, choicesOf, emptyMilestone, emptyObjective, errorsUnder, flattenErrors,
  goalFields, goalForm, goalProblems, isoWeek, lastFullWeek, objectiveFields, objectiveProblems,
  parseRoute, planFields, planForm, progressText, quarterOf, recentQuarters, recentWeeks, section, shiftQuarter,
  shiftWeek, touchesChart, unanswered, weekStart, weeksChart, followUpsChart,
} from '../src/screens/strategy/logic'

const at = (iso: string) => new Date(iso)

describe('sub-routes', () => {
  it('reads each path under /strategy', () => {
    expect(parseRoute('/strategy')).toEqual({ view: 'overview' })
    expect(parseRoute('/strategy/')).toEqual({ view: 'overview' })
    expect(parseRoute('/strategy/goals/new')).toEqual({ view: 'new-goal' })
    expect(parseRoute('/strategy/goals/abc-1')).toEqual({ view: 'goal', id: 'abc-1' })
    expect(parseRoute('/strategy/plan')).toEqual({ view: 'plan' })
    expect(parseRoute('/strategy/review')).toEqual({ view: 'review' })
    expect(parseRoute('/strategy/objectives')).toEqual({ view: 'objectives' })
    expect(parseRoute('/strategy/nonsense')).toEqual({ view: 'overview' })
    expect(section(parseRoute('/strategy/goals/x'))).toBe('goal')
    expect(section(parseRoute('/strategy/review'))).toBe('review')
  })
})

describe('ISO weeks and quarters (UTC)', () => {
  it('names the ISO week, across year ends', () => {
    expect(isoWeek(at('2026-04-27T10:00:00Z'))).toBe('2026-W18')   // a Monday
    expect(isoWeek(at('2026-05-03T23:59:00Z'))).toBe('2026-W18')   // its Sunday
    expect(isoWeek(at('2021-01-03T12:00:00Z'))).toBe('2020-W53')   // Sunday of 2020's 53rd week
    expect(isoWeek(at('2024-12-30T00:00:00Z'))).toBe('2025-W01')   // Monday counted in 2025
    expect(isoWeek(at('2026-12-31T00:00:00Z'))).toBe('2026-W53')
  })

  it('finds a week start and moves by weeks', () => {
    expect(weekStart('2026-W18')?.toISOString()).toBe('2026-04-27T00:00:00.000Z')
    expect(weekStart('2025-W01')?.toISOString()).toBe('2024-12-30T00:00:00.000Z')
    expect(weekStart('2025-W53')).toBeNull()          // 2025 has 52 weeks
    expect(weekStart('2026-18')).toBeNull()
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52')
    expect(shiftWeek('2020-W53', 1)).toBe('2021-W01')
  })

  it('defaults the weekly review to the last full week, and lists recent weeks newest first', () => {
    expect(lastFullWeek(at('2026-04-29T08:00:00Z'))).toBe('2026-W17')
    expect(lastFullWeek(at('2026-01-01T08:00:00Z'))).toBe('2025-W52')
    expect(recentWeeks(at('2026-01-06T00:00:00Z'), 3)).toEqual(['2026-W02', '2026-W01', '2025-W52'])
  })

  it('names quarters and moves across years', () => {
    expect(quarterOf(at('2026-03-31T23:59:59Z'))).toBe('2026-Q1')
    expect(quarterOf(at('2026-04-01T00:00:00Z'))).toBe('2026-Q2')
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4')
    expect(shiftQuarter('2025-Q4', 1)).toBe('2026-Q1')
    expect(recentQuarters(at('2026-05-01T00:00:00Z'), 3)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4'])
  })
})

describe('problems', () => {
  it('flattens nested marshmallow messages to dotted paths', () => {
    expect(flattenErrors({ milestones: { 0: { role: ['Unknown field.'] }, 2: { _schema: ['name a role'] } }, title: ['Missing data.', 'Too long.'] }))
      .toEqual({ 'milestones.0.role': 'Unknown field.', 'milestones.2': 'name a role', title: 'Missing data. Too long.' })
    expect(flattenErrors({ answers: { energy: ['Must be one of: groups.'] } })).toEqual({ 'answers.energy': 'Must be one of: groups.' })
    expect(flattenErrors(['not a list'])).toEqual({ _: 'not a list' })
    expect(flattenErrors(undefined)).toEqual({})
    expect(errorsUnder({ 'milestones.0.role': 'x', 'milestones.1.title': 'y', title: 'z' }, 'milestones.0')).toEqual({ role: 'x' })
  })
})

describe('goals as the goals scope takes them', () => {
  const relationship = { ...emptyMilestone('relationship'), title: 'Know Acme\'s CTO', role: 'CTO', organisation: 'Acme' }

  it('a new goal names its horizon; blanks are null; whom to know only on a relationship', () => {
    const form = { ...goalForm(undefined), title: ' CTO of a fintech ', milestones: [relationship, { ...emptyMilestone('training'), title: 'A course', role: 'ignored' }] }
    expect(goalFields(form, true)).toEqual({
      title: 'CTO of a fintech', horizon: 'ultimate', target_date: null, why: null, parent_goal_id: null,
      milestones: [
        { kind: 'relationship', title: 'Know Acme\'s CTO', done_when: null, due_date: null, status: 'open', role: 'CTO', organisation: 'Acme', sector: null },
        { kind: 'training', title: 'A course', done_when: null, due_date: null, status: 'open' },
      ],
    })
  })

  it('an edit sends status, never horizon; opened_by only on positions and experience', () => {
    const form = { ...goalForm(undefined), title: 'x', milestones: [{ ...emptyMilestone('position'), title: 'VP', opened_by: 'CEO, CFO ' }] }
    const fields = goalFields(form, false)
    expect(fields.horizon).toBeUndefined()
    expect(fields.status).toBe('active')
    expect(fields.milestones).toEqual([{ kind: 'position', title: 'VP', done_when: null, due_date: null, status: 'open', opened_by: [{ role: 'CEO' }, { role: 'CFO' }] }])
  })

  it('round-trips a server goal without its milestone ids, keeping opened_by in full', () => {
    const server = {
      id: 'g1', title: 'CTO', horizon: 'ultimate', status: 'active', target_date: '2031-01-01', why: null, parent_goal_id: null,
      milestones: [
        { milestone_id: 'm1', kind: 'position', title: 'VP', role: null, organisation: null, sector: null, done_when: 'Hired',
          due_date: null, status: 'in_progress', opened_by: [{ role: 'CEO', organisation: 'Acme', sector: null }] },
      ],
    }
    const form = goalForm(server)
    expect(form.milestones[0].opened_by).toBe('CEO at Acme')
    const fields = goalFields(form, false)
    expect((fields.milestones as Record<string, unknown>[])[0]).toEqual({
      kind: 'position', title: 'VP', done_when: 'Hired', due_date: null, status: 'in_progress',
      opened_by: [{ role: 'CEO', organisation: 'Acme', sector: null }],
    })
    expect(changedFields(server, fields)).toEqual({})
    expect(changedFields(server, { ...fields, title: 'CTO of Acme' })).toEqual({ title: 'CTO of Acme' })
  })

  it('checks what the schema would refuse', () => {
    const form = { ...goalForm(undefined), milestones: [{ ...emptyMilestone('relationship'), title: '' }] }
    expect(goalProblems(form)).toEqual({
      title: 'Name the goal.', 'milestones.0.title': 'Name the milestone.', 'milestones.0.role': 'Name a role, an organisation or a sector.',
    })
    expect(goalProblems({ ...goalForm(undefined), title: 'x', milestones: [relationship] })).toEqual({})
  })
})

describe('objectives', () => {
  it('sends per only for periodic kinds and a channel only for touches', () => {
    const meet = { ...emptyObjective(), title: 'Meet two CTOs', target: '2', per: 'week', due_date: '2027-03-31', role: 'CTO', channel: 'coffee' }
    expect(objectiveFields(meet)).toEqual({
      title: 'Meet two CTOs', kind: 'meet', target: 2, per: null, due_date: '2027-03-31', goal_id: null, milestone_id: null,
      criteria: { role: 'CTO', organisation: null, sector: null, tier: null, channel: null },
    })
    const touches = { ...emptyObjective(), title: 'Coffee', kind: 'touches', per: 'week', due_date: '2027-01-01', starts_on: '2026-12-01', channel: 'coffee' }
    expect(objectiveFields(touches)).toMatchObject({ per: 'week', starts_on: '2026-12-01', criteria: { channel: 'coffee' } })
  })

  it('checks target, dates and channel', () => {
    expect(objectiveProblems({ ...emptyObjective(), kind: 'touches', target: '0' })).toEqual({
      title: 'Name the objective.', target: 'A whole number from 1 to 1000.', due_date: 'An objective needs a due date.',
      'criteria.channel': 'Name the channel counted.',
    })
    expect(objectiveProblems({ ...emptyObjective(), title: 'x', starts_on: '2027-02-01', due_date: '2027-01-01' }).due_date).toBe('Must not be before the start.')
  })

  it('says the progress in words', () => {
    expect(progressText({ count: 1, target: 2, met: false, period: null, due_in_days: 1 })).toBe('1 of 2, due in 1 day')
    expect(progressText({ count: 2, target: 2, met: true, period: '2026-W49', due_in_days: -3 })).toBe('2 of 2 this period (2026-W49), met, 3 days overdue')
    expect(progressText(undefined)).toMatch(/once synced/)
  })
})

describe('the plan and its questionnaire', () => {
  it('turns percentages into shares and leaves a blank zone out', () => {
    const form = planForm({ style: 'introvert', weekly_budget: 3, follow_up_days: 3, max_nudges_per_day: 2, timezone: null,
      working_hours: { start: '09:00', end: '17:00', days: [5, 1] }, offers: ['code review'],
      channels: { coffee: 0.5, calls: 0.3, online: 0.2 }, commitments: [{ what: 'coffee', count: 1, per: 'week' }] })
    expect(form.channels.coffee).toBe('50')
    expect(planFields(form)).toEqual({
      style: 'introvert', weekly_budget: 3, follow_up_days: 3, max_nudges_per_day: 2,
      working_hours: { start: '09:00', end: '17:00', days: [1, 5] }, offers: ['code review'],
      channels: { coffee: 0.5, calls: 0.3, online: 0.2 }, commitments: [{ what: 'coffee', count: 1, per: 'week' }],
    })
    expect(planFields({ ...form, timezone: 'Europe/Berlin', weekly_budget: '' })).toMatchObject({ timezone: 'Europe/Berlin' })
    expect(planFields({ ...form, weekly_budget: '' }).weekly_budget).toBeUndefined()
  })

  const questions = [
    { id: 'energy', text: 'Energy?', kind: 'choice', required: true, options: ['groups', 'one_to_one', 'both'] },
    { id: 'channels', text: 'Channels?', kind: 'multi', required: true, options: ['coffee', 'calls'], min: 1 },
    { id: 'hours_per_week', text: 'Hours?', kind: 'integer', required: true, options: [], min: 0, max: 20 },
    { id: 'cold_outreach', text: 'Cold?', kind: 'scale', required: true, options: [], min: 1, max: 5 },
    { id: 'preferred_time', text: 'When?', kind: 'choice', required: false, options: ['evenings'] },
    { id: 'offers', text: 'Offers?', kind: 'text_list', required: false, options: [], max: 20 },
  ]

  it('types the answers and names the unanswered', () => {
    const form = { energy: 'one_to_one', channels: ['coffee'], hours_per_week: '0', cold_outreach: '2', preferred_time: '', offers: 'code review, intros ,' }
    expect(answersFrom(questions, form)).toEqual({ energy: 'one_to_one', channels: ['coffee'], hours_per_week: 0, cold_outreach: 2, offers: ['code review', 'intros'] })
    expect(unanswered(questions, { energy: 'groups', channels: [] })).toEqual(['channels', 'hours_per_week', 'cold_outreach'])
    expect(choicesOf(questions[3])).toEqual(['1', '2', '3', '4', '5'])
  })
})

describe('reviews as chart data', () => {
  const review: Review = {
    period: '2026-W48', starts_at: '2026-11-23T00:00:00Z', ends_at: '2026-11-30T00:00:00Z',
    touches: { planned_total: 5, actual_total: 3, by_channel: [
      { label: 'events', planned: 1.5, actual: 0 }, { label: 'coffee', planned: 1.5, actual: 2 }, { label: 'calls', planned: 0, actual: 1 },
    ] },
    follow_ups: { follow_up_days: 2, met: 3, series: [{ label: 'within', value: 1 }, { label: 'later', value: 1 }, { label: 'not_yet', value: 1 }] },
    giving: { given: 2, received: 1, series: [{ label: 'given', value: 2 }, { label: 'received', value: 1 }] },
    new_relationships: { total: 1, by_tier: [{ label: 'mentor', value: 1 }, { label: 'none', value: 0 }] },
    milestones_covered: { count: 0, items: [] }, objectives_met: { count: 0, items: [] },
  }

  it('draws planned against actual by channel, and says it in words', () => {
    const chart = touchesChart(review)
    expect(chart.labels).toEqual(['events', 'coffee', 'calls'])
    expect(chart.datasets).toEqual([{ label: 'Planned', data: [1.5, 1.5, 0] }, { label: 'Actual', data: [0, 2, 1] }])
    expect(chart.summary).toBe('Touches: 3 made of 5 planned; by channel: events 0 of 1.5, coffee 2 of 1.5, calls 1 of 0.')
  })

  it('leaves the planned series out when the plan has no channel mix', () => {
    const chart = touchesChart({ ...review, touches: { planned_total: 5, actual_total: 1, by_channel: [{ label: 'coffee', planned: null, actual: 1 }] } })
    expect(chart.datasets).toEqual([{ label: 'Actual', data: [1] }])
    expect(chart.summary).toBe('Touches: 1 made of 5 planned; by channel: coffee 1.')
  })

  it('names series labels in words', () => {
    const chart = followUpsChart(review)
    expect(chart.labels).toEqual(['within', 'later', 'not yet'])
    expect(chart.summary).toBe('Follow-ups of 3 people met (within 2 days): within 1, later 1, not yet 1.')
  })

  it('draws a quarter week by week, and nothing for a week', () => {
    expect(weeksChart(review)).toBeNull()
    const quarter = weeksChart({ ...review, weeks: [
      { label: '2026-W40', planned: 5, actual: 4, given: 1, received: 0, new_contacts: 2 },
      { label: '2026-W41', planned: 2.5, actual: 1, given: 0, received: 1, new_contacts: 0 },
    ] })!
    expect(quarter.labels).toEqual(['2026-W40', '2026-W41'])
    expect(quarter.datasets.map((d) => d.label)).toEqual(['Planned touches', 'Actual touches', 'Favours given', 'New contacts'])
    expect(quarter.summary).toBe('2 weeks: 5 touches made of 7.5 planned, 2 new contacts.')
    expect(weeksChart({ ...review, weeks: [{ label: '2026-W40', planned: 1, actual: 1, given: 0, received: 0, new_contacts: 1 }] })!.summary)
      .toBe('1 week: 1 touch made of 1 planned, 1 new contact.')
  })
})
