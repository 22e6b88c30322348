// Time is an input. The app asks `now()`; tests set the source with `setClock`. The server's
// time (every sync answer carries it) corrects the device's: a snooze or "due today" never
// depends on a phone whose clock is off.
let source: () => number = () => Date.now()
let offsetMs = 0

export function setClock(fn: () => number): void {
  source = fn
  offsetMs = 0
}

/** The device's own clock, for durations only (a token's lifetime): never for "when". */
export function deviceMs(): number {
  return source()
}

/** The server's time, as well as the app knows it. */
export function now(): Date {
  return new Date(source() + offsetMs)
}

export function nowIso(): string {
  return now().toISOString()
}

/** An answer said the server's time was `iso`: from now on `now()` follows the server. */
export function noteServerTime(iso: string | null | undefined): void {
  if (!iso) return
  const server = Date.parse(iso)
  if (!Number.isNaN(server)) offsetMs = server - source()
}

/** The calendar day (`YYYY-MM-DD`) of `at` in `timeZone` (the member's zone, else the device's). */
export function dayIn(at: Date, timeZone?: string | null): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone || undefined, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value
  return `${get('year')}-${get('month')}-${get('day')}`
}
