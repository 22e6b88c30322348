import { Page } from '../ui'

export function Contacts() {
  return <Page title="Contacts"><p>…</p></Page>
}
