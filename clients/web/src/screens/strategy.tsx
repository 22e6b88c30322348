import { Page } from '../ui'

export function Strategy() {
  return <Page title="Strategy"><p>Coming with the strategy screens.</p></Page>
}
