// Import a vCard (.vcf), LinkedIn's Connections.csv or a Rapport CSV through the contacts
// service's imports API: the file is posted as a job (202), the job is followed until it is
// done, its progress shown as it goes and each row it could not use listed. The new contacts
// reach this device with the next sync, started as soon as the job ends.
import { useEffect, useRef, useState } from 'preact/hooks'

import { get, request } from '../../lib/api'
import { db } from '../../lib/db'
import { status, syncNow } from '../../lib/syncer'
import { ErrorNote } from '../../ui'
import { type ImportJob, type ProblemRow, errorRow, finished, importType, progress, progressText, warningRow } from './logic'

const LAST_JOB = 'import.last_job'
const POLL_MS = 1000

function Problems({ title, rows, withValue, testid }: { title: string; rows: ProblemRow[]; withValue?: boolean; testid: string }) {
  if (!rows.length) return null
  return (
    <>
      <h3>{title}</h3>
      <table data-testid={testid}>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Field</th>
            {withValue ? <th scope="col">Value</th> : null}
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.line}-${i}`}>
              <td>{r.line}</td>
              <td>{r.field || '—'}</td>
              {withValue ? <td>{r.value ?? ''}</td> : null}
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

export function JobProgress({ job }: { job: ImportJob }) {
  const p = progress(job)
  const done = finished(job)
  return (
    <div class="import-job" data-testid="import-job" data-status={job.status}>
      <h2>{job.filename ? `Importing ${job.filename}` : 'Import'}</h2>
      <label id="import-progress-label" for="import-progress">
        {job.status === 'done' ? 'Finished' : job.status === 'failed' ? 'Stopped' : 'Importing'}
        {p.percent !== null ? ` — ${p.percent}%` : ''}
      </label>
      <progress id="import-progress" class="progress" max={p.max} value={p.value}
        aria-labelledby="import-progress-label" />
      <p role="status" data-testid="import-counts">{progressText(job)}</p>
      {job.status === 'failed' ? <p class="notice notice-error" role="alert">The import stopped on a server error; rows after the last counted were not read.</p> : null}
      {done ? (
        <>
          <Problems title="Rows not imported" rows={job.errors.map(errorRow)} testid="import-errors" />
          <Problems title="Values left out" rows={job.warnings.map(warningRow)} withValue testid="import-warnings" />
          {job.warnings.length ? <p class="muted">Each value left out is also kept at the end of its contact's notes.</p> : null}
          {job.status === 'done' ? <p>The contacts reach this device with the sync. <a href="/contacts">See your contacts</a></p> : null}
        </>
      ) : null}
    </div>
  )
}

export function Import() {
  const [file, setFile] = useState<File | null>(null)
  const [job, setJob] = useState<ImportJob | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const online = status.value.online

  const follow = (id: string) => {
    clearTimeout(timer.current)
    const poll = async () => {
      try {
        const next = await get<ImportJob>(`/v1/imports/${encodeURIComponent(id)}`)
        setJob(next)
        if (finished(next)) {
          await db().meta.delete(LAST_JOB)
          void syncNow()
          return
        }
      } catch (err) {
        setError(err)
      }
      timer.current = setTimeout(poll, POLL_MS)
    }
    void poll()
  }

  // A job started before leaving the screen is followed again on return.
  useEffect(() => {
    db().getMeta<string>(LAST_JOB).then((id) => { if (id) follow(id) })
    return () => clearTimeout(timer.current)
  }, [])

  const submit = async (e: Event) => {
    e.preventDefault()
    setError(null)
    if (!file) { setError(new Error('Choose a file first.')); return }
    const type = importType(file.name, file.type)
    if (!type) { setError(new Error('This file is neither a vCard (.vcf) nor a CSV (.csv).')); return }
    setBusy(true)
    try {
      const text = await file.text()
      const started = await request<ImportJob>('POST', `/v1/imports?${new URLSearchParams({ filename: file.name.slice(0, 200) })}`,
        undefined, { body: text, headers: { 'Content-Type': type } })
      setJob(started)
      await db().setMeta(LAST_JOB, started.id)
      follow(started.id)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <p>Bring people in from your phone's address book or another app: a vCard file (.vcf), LinkedIn's
        Connections.csv, or a CSV exported from Rapport. Importing the same file again adds no one twice.</p>
      <form onSubmit={submit} class="import-form">
        <div class="field">
          <label for="import-file">File to import</label>
          <input id="import-file" type="file" accept=".vcf,.vcard,.csv,text/vcard,text/csv"
            aria-describedby="import-file-hint"
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
          <small id="import-file-hint" class="hint">vCard 3.0 or 4.0, or CSV with a header row.</small>
        </div>
        <button type="submit" class="primary" disabled={busy || !online || (job !== null && !finished(job))}>Import</button>
        {!online ? <p class="muted">Importing needs the network.</p> : null}
      </form>
      <ErrorNote error={error} />
      {job ? <JobProgress job={job} /> : null}
    </>
  )
}
