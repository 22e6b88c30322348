import { Page } from '../ui'

export function Nudges() {
  return <Page title="Nudges"><p>Coming with the nudges screens.</p></Page>
}
