import { Page } from '../ui'

export function ContactDetail({ id }: { id?: string }) {
  return <Page title="Contact"><p>{id}</p></Page>
}
