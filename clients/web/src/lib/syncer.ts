// When the app syncs: at start, when the network returns, shortly after every change, every
// minute while open, and on "Sync now". One run at a time across the tabs of this browser (a
// Web Lock); failures back off (2 s doubling to 5 min) and never lose the queue.
//
// What the status bar shows comes from here (`status`) and from the outbox itself (its count).
import { signal } from '@preact/signals'

import { accessToken, SignedOut } from './auth'
import { deviceId, httpTransport } from './api'
import { nowIso } from './clock'
import { db } from './db'
import { fetchServerPairs } from './duplicates'
import { onQueued } from './outbox'
import { Offline, Stopped, SyncEngine, type RunReport } from './sync'

export interface SyncStatus {
  running: boolean
  online: boolean
  lastOk?: string
  problem?: string   // what stops sync until the member acts (sign in again, update the app)
  report?: RunReport
}

export const status = signal<SyncStatus>({ running: false, online: navigator.onLine })

const PERIOD_MS = 60_000
const SOON_MS = 400
let timer: ReturnType<typeof setTimeout> | undefined
let failures = 0
let engine: SyncEngine | null = null
let active = false
let listening = false

function set(patch: Partial<SyncStatus>): void {
  status.value = { ...status.value, ...patch }
}

function later(ms: number): void {
  clearTimeout(timer)
  timer = setTimeout(() => void syncNow(), ms)
}

/** Sync soon (a change was just queued): several changes in a row go in one push. */
export function syncSoon(): void {
  later(SOON_MS)
}

export async function syncNow(): Promise<RunReport | undefined> {
  if (!active) return undefined
  engine ??= new SyncEngine(httpTransport, deviceId, db())
  const run = async () => {
    set({ running: true })
    try {
      await accessToken()  // signed out: say so instead of failing every request
      const report = await engine!.run()
      if (!report.offline) await fetchServerPairs().catch(() => undefined)  // offers are a convenience
      failures = report.offline || report.retryLater ? failures + 1 : 0
      set({ report, online: !report.offline, problem: undefined, lastOk: report.offline ? status.value.lastOk : nowIso() })
      return report
    } catch (err) {
      failures += 1
      if (err instanceof SignedOut) set({ problem: err.message })
      else if (err instanceof Stopped) set({ problem: err.slug === 'upgrade-required' ? 'Update the app to sync.' : err.message })
      else if (err instanceof Offline) set({ online: false })
      else set({ problem: String((err as Error).message ?? err) })
      return undefined
    } finally {
      set({ running: false })
      if (active) later(failures ? Math.min(300_000, 2_000 * 2 ** (failures - 1)) : PERIOD_MS)
    }
  }
  return navigator.locks ? navigator.locks.request('rapport-sync', run) : run()
}

/** Stop (signed out): no more runs until `startSyncing` again. */
export function stopSyncing(): void {
  active = false
  clearTimeout(timer)
  timer = undefined
  engine = null
  failures = 0
  onQueued(() => {})
}

/** Start syncing for the signed-in member. */
export function startSyncing(): void {
  active = true
  onQueued(syncSoon)
  if (!listening) {
    listening = true
    window.addEventListener('online', () => { set({ online: true }); failures = 0; syncSoon() })
    window.addEventListener('offline', () => set({ online: false }))
  }
  void syncNow()
}
