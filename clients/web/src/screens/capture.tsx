import { Page } from '../ui'

export function Capture() {
  return <Page title="Capture"><p>…</p></Page>
}
