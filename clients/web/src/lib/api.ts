// The server, as the app reaches it: same origin (the gateway), a Bearer token from auth.ts,
// errors as RFC 9457 problems (`ApiError`), no network as `Offline`.
//
// Answers the app shows offline (coverage, reviews, the questionnaire…) are kept in the `cache`
// table by `cachedGet`: the screen shows the last answer and when it was fetched.
import { accessToken, session } from './auth'
import { noteServerTime, nowIso } from './clock'
import { db, type Scope } from './db'
import { type Answer, Offline, SCHEMA_VERSION, type Transport } from './sync'

export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  errors?: Record<string, unknown>
  [key: string]: unknown
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `the server answered ${problem.status}`)
  }

  get slug(): string { return String(this.problem.type ?? '').replace(/^.*\/problems\//, '') }
}

async function send(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('Authorization', `Bearer ${await accessToken(retried)}`)
  let response: Response
  try {
    response = await fetch(path, { ...init, headers })
  } catch {
    throw new Offline('no network')
  }
  noteServerTime(response.headers.get('X-Server-Time'))
  if (response.status === 401 && !retried) {
    const problem = await response.clone().json().catch(() => ({}))
    if (String(problem.type ?? '').endsWith('/invalid-token')) return send(path, init, true)
  }
  return response
}

async function body(response: Response): Promise<any> {
  const type = response.headers.get('Content-Type') ?? ''
  if (response.status === 204) return null
  if (type.includes('json')) return response.json()
  return response.text()
}

/** A JSON request; the answer's body, or ApiError with the problem. */
export async function request<T = any>(method: string, path: string, json?: unknown,
  extra: RequestInit = {}): Promise<T> {
  const init: RequestInit = { ...extra, method }
  if (json !== undefined) {
    init.body = JSON.stringify(json)
    init.headers = { 'Content-Type': 'application/json', ...(extra.headers ?? {}) }
  }
  const response = await send(path, init)
  const parsed = await body(response)
  if (!response.ok) throw new ApiError(typeof parsed === 'object' && parsed ? parsed : { status: response.status, detail: String(parsed) })
  return parsed as T
}

export const get = <T = any>(path: string) => request<T>('GET', path)

/** A GET kept for offline use: the fresh answer when online, the last one (with its time) otherwise. */
export async function cachedGet<T>(path: string): Promise<{ value: T; at: string; stale: boolean }> {
  try {
    const value = await get<T>(path)
    const at = nowIso()
    await db().cache.put({ key: path, value, at })
    return { value, at, stale: false }
  } catch (err) {
    if (!(err instanceof Offline)) throw err
    const kept = await db().cache.get(path)
    if (!kept) throw err
    return { value: kept.value as T, at: kept.at, stale: true }
  }
}

/** Sync over HTTP (docs/sync-protocol.md), for the SyncEngine. */
export const httpTransport: Transport = {
  async push(scope: Scope, payload: unknown): Promise<Answer> {
    const response = await send(`/v1/sync/${scope}/push`, {
      method: 'POST', body: JSON.stringify(payload),
      headers: { 'Content-Type': 'application/json', 'X-Rapport-Schema-Version': String(SCHEMA_VERSION) },
    })
    return { status: response.status, body: await body(response).catch(() => null) }
  },
  async pull(scope: Scope, query: Record<string, string>): Promise<Answer> {
    const response = await send(`/v1/sync/${scope}/pull?${new URLSearchParams(query)}`, {
      headers: { 'X-Rapport-Schema-Version': String(SCHEMA_VERSION) },
    })
    return { status: response.status, body: await body(response).catch(() => null) }
  },
}

export async function deviceId(): Promise<string | null> {
  return (await session())?.device_id ?? null
}
