// Instants in words, in the member's zone (each nudge carries its `timezone`).
const formats = new Map<string, Intl.DateTimeFormat>()

function format(tz: string | null | undefined, withDay: boolean): Intl.DateTimeFormat {
  const key = `${tz ?? ''}|${withDay}`
  let f = formats.get(key)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(undefined, {
        timeZone: tz || undefined, hour: '2-digit', minute: '2-digit',
        ...(withDay ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
      })
    } catch {
      f = new Intl.DateTimeFormat(undefined, withDay ? { dateStyle: 'medium', timeStyle: 'short' } : { timeStyle: 'short' })
    }
    formats.set(key, f)
  }
  return f
}

/** "Mon 4 May, 09:00" in `tz`; `null` when there is no instant. */
export function when(iso: string | null | undefined, tz?: string | null): string | null {
  if (!iso) return null
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return null
  return format(tz, true).format(new Date(t))
}
