import { Page } from '../ui'

export function Duplicates() {
  return <Page title="Duplicates"><p>…</p></Page>
}
