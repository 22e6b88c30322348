// Strategy: the ultimate goal and its path with who covers it, objectives, the plan fitted to
// the member, and the reviews. Sub-routes under /strategy with their own navigation:
//   /strategy              the goal and its path
//   /strategy/goals/new    a new goal
//   /strategy/goals/:id    a goal: its coverage, editing it
//   /strategy/objectives   objectives, proposals
//   /strategy/plan         the plan, the questionnaire, suggestions
//   /strategy/review       weekly and quarterly reviews
import { lazy, useLocation } from 'preact-iso'

import { Page } from '../ui'
import { GoalDetail, NewGoal, Overview } from './strategy/goals'
import { parseRoute, section } from './strategy/logic'
import { Objectives } from './strategy/objectives'
import { PlanScreen } from './strategy/plan'

// The reviews' charts (Chart.js) load when the reviews are opened: capture and the inbox stay
// light. The service worker has them precached all the same, so they open offline too.
const ReviewScreen = lazy(() => import('./strategy/review').then((m) => m.ReviewScreen))

const SECTIONS: [ReturnType<typeof section>, string, string][] = [
  ['goal', '/strategy', 'Goal'],
  ['objectives', '/strategy/objectives', 'Objectives'],
  ['plan', '/strategy/plan', 'Plan'],
  ['review', '/strategy/review', 'Review'],
]

const TITLES: Record<string, string> = {
  overview: 'Strategy', goal: 'Goal', 'new-goal': 'New goal', objectives: 'Objectives', plan: 'Plan', review: 'Review',
}

export function Strategy() {
  const { path } = useLocation()
  const route = parseRoute(path)
  const here = section(route)
  return (
    <Page title={TITLES[route.view]}>
      <nav class="subnav" aria-label="Strategy">
        {SECTIONS.map(([key, href, text]) => (
          <a key={key} href={href} aria-current={key === here ? 'page' : undefined}>{text}</a>
        ))}
      </nav>
      {route.view === 'overview' ? <Overview />
        : route.view === 'new-goal' ? <NewGoal />
          : route.view === 'goal' ? <GoalDetail id={route.id} />
            : route.view === 'objectives' ? <Objectives />
              : route.view === 'plan' ? <PlanScreen />
                : <ReviewScreen />}
    </Page>
  )
}
