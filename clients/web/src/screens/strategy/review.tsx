// The weekly and the quarterly review: planned against actual, follow-ups, giving, new
// relationships, needs newly covered and objectives met — drawn with Chart.js, each chart
// summarised in words (its aria-label) with a table of the same numbers beside it.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'
import { useEffect, useRef, useState } from 'preact/hooks'

import { now } from '../../lib/clock'
import { Empty, Select } from '../../ui'
import { ReadState, useCached } from './common'
import {
  type ChartData, type Review, followUpsChart, givingChart, lastFullWeek, newRelationshipsChart, quarterOf, recentQuarters,
  recentWeeks, touchesChart, weekText, weeksChart,
} from './logic'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip)

// distinguishable without colour too: the legend and the table name every series
const COLOURS = ['#1f4e79', '#c0561b', '#1b6b35', '#6b3fa0']

function ChartView({ title, data, kind = 'bar' }: { title: string; data: ChartData; kind?: 'bar' | 'line' }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [showTable, setShowTable] = useState(false)
  useEffect(() => {
    if (!canvas.current) return
    const chart = new Chart(canvas.current, {
      type: kind,
      data: {
        labels: data.labels,
        datasets: data.datasets.map((d, i) => ({
          label: d.label, data: d.data, backgroundColor: COLOURS[i % COLOURS.length], borderColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: data.datasets.length > 1 } },
      },
    })
    return () => chart.destroy()
  }, [JSON.stringify(data), kind])
  return (
    <figure class="review-chart">
      <figcaption><h3>{title}</h3></figcaption>
      <div class="chart"><canvas ref={canvas} role="img" aria-label={data.summary} /></div>
      <p class="muted">{data.summary}</p>
      <button type="button" class="link" aria-expanded={showTable} onClick={() => setShowTable(!showTable)}>
        {showTable ? 'Hide' : 'Show'} the numbers<span class="sr-only"> of {title}</span>
      </button>
      {showTable ? (
        <table>
          <caption class="sr-only">{title}</caption>
          <thead><tr><th scope="col">Label</th>{data.datasets.map((d) => <th scope="col" key={d.label}>{d.label}</th>)}</tr></thead>
          <tbody>
            {data.labels.map((label, i) => (
              <tr key={label}><th scope="row">{label}</th>{data.datasets.map((d) => <td key={d.label}>{d.data[i]}</td>)}</tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </figure>
  )
}

function ReviewBody({ review }: { review: Review }) {
  const weeks = weeksChart(review)
  return (
    <div data-testid="review" data-period={review.period}>
      <p class="muted">
        {new Date(review.starts_at).toLocaleDateString(undefined, { timeZone: 'UTC' })} to{' '}
        {new Date(review.ends_at).toLocaleDateString(undefined, { timeZone: 'UTC' })} (UTC)
      </p>
      {weeks ? <ChartView title="Week by week" data={weeks} kind="line" /> : null}
      <ChartView title="Touches: planned and made, by channel" data={touchesChart(review)} />
      <ChartView title="Follow-ups" data={followUpsChart(review)} />
      <ChartView title="Giving and receiving" data={givingChart(review)} />
      <ChartView title="New relationships" data={newRelationshipsChart(review)} />
      <h3>Milestone needs newly covered: {review.milestones_covered.count}</h3>
      {review.milestones_covered.items.length ? (
        <ul>{review.milestones_covered.items.map((m, i) => <li key={i}>{m.title ?? m.milestone_id} ({m.need})</li>)}</ul>
      ) : <Empty>None in this period.</Empty>}
      <h3>Objectives met: {review.objectives_met.count}</h3>
      {review.objectives_met.items.length ? (
        <ul>{review.objectives_met.items.map((o) => <li key={o.objective_id}>{o.title}</li>)}</ul>
      ) : <Empty>None in this period.</Empty>}
    </div>
  )
}

export function ReviewScreen() {
  const today = now()
  const [kind, setKind] = useState<'weekly' | 'quarterly'>('weekly')
  const [week, setWeek] = useState(() => lastFullWeek(today))
  const [quarter, setQuarter] = useState(() => quarterOf(today))
  const weeks = recentWeeks(today, 13)
  const quarters = recentQuarters(today, 8)
  const path = kind === 'weekly' ? `/v1/reviews/weekly?week=${encodeURIComponent(week)}` : `/v1/reviews/quarterly?quarter=${encodeURIComponent(quarter)}`
  const loaded = useCached<Review>(path)
  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">Look back</h2>
      <div class="row">
        <Select label="Which review" value={kind} onValue={(v) => setKind(v as 'weekly' | 'quarterly')}
          options={[['weekly', 'Weekly'], ['quarterly', 'Quarterly']]} />
        {kind === 'weekly'
          ? <Select label="Week" value={week} onValue={setWeek} options={weeks.map((w): [string, string] => [w, weekText(w)])} />
          : <Select label="Quarter" value={quarter} onValue={setQuarter} options={quarters.map((q): [string, string] => [q, q])} />}
      </div>
      <ReadState loaded={loaded} what="the review" />
      {loaded.value ? <ReviewBody review={loaded.value} /> : null}
    </section>
  )
}
