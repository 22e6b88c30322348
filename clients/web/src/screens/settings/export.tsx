// Export contacts as vCard 4.0 or CSV (the CSV imports back), all of them or by tier and tag:
// fetched with the member's token, then saved as a file.
import { useState } from 'preact/hooks'

import { request } from '../../lib/api'
import { status } from '../../lib/syncer'
import { ErrorNote, Field, Select } from '../../ui'
import { TIERS, exportPath } from './logic'

function download(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function Export() {
  const [tier, setTier] = useState('')
  const [tag, setTag] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const online = status.value.online

  const fetchFile = async (format: 'vcf' | 'csv') => {
    setBusy(format); setError(null); setSaved(null)
    try {
      const text = await request<string>('GET', exportPath(format, { tier, tag }))
      const filename = `contacts.${format}`
      download(typeof text === 'string' ? text : JSON.stringify(text), filename, format === 'vcf' ? 'text/vcard' : 'text/csv')
      setSaved(filename)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      <p>Take your contacts elsewhere: a vCard file for address books, or a CSV for spreadsheets (it imports back into Rapport).</p>
      <fieldset>
        <legend>Which contacts</legend>
        <div class="row">
          <Select label="Tier" value={tier} onValue={setTier} options={[['', 'Every tier'], ...TIERS]} />
          <Field label="Tag (optional)" value={tag} onValue={setTag} />
        </div>
      </fieldset>
      <div class="row">
        <button type="button" class="primary" disabled={busy !== null || !online} onClick={() => fetchFile('vcf')}>
          {busy === 'vcf' ? 'Preparing…' : 'Download vCard (.vcf)'}
        </button>
        <button type="button" disabled={busy !== null || !online} onClick={() => fetchFile('csv')}>
          {busy === 'csv' ? 'Preparing…' : 'Download CSV (.csv)'}
        </button>
      </div>
      {!online ? <p class="muted">Exporting needs the network.</p> : null}
      {saved ? <p role="status">Saved {saved}.</p> : null}
      <ErrorNote error={error} />
    </>
  )
}
