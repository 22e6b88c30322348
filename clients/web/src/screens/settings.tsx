import { Page } from '../ui'

export function Settings() {
  return <Page title="Settings"><p>Coming with the settings screens.</p></Page>
}
