// Screens read the device's store through Dexie's liveQuery: a screen shows what is stored and
// follows every change (a capture, a pull, another tab) without being told.
import { liveQuery } from 'dexie'
import { useEffect, useState } from 'preact/hooks'

export function useLive<T>(query: () => Promise<T> | T, deps: unknown[] = [], initial?: T): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial)
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: (err) => console.error(err) })
    return () => subscription.unsubscribe()
  }, deps)
  return value
}
