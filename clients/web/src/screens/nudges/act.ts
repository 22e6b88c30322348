// A member's action on a nudge, on this device first (lib/outbox.ts queues it for the server,
// on the nudge's base_version), and remembered as acted today.
import { now, nowIso } from '../../lib/clock'
import { db } from '../../lib/db'
import { discard, save } from '../../lib/outbox'
import { type Nudge, pruneActed } from './logic'

export const ACTED_KEY = 'nudges.acted'

export async function act(n: Nudge, fields: Record<string, unknown>): Promise<void> {
  await save('nudges', n.id, fields)
  const acted = (await db().getMeta<Record<string, string>>(ACTED_KEY)) ?? {}
  await db().setMeta(ACTED_KEY, pruneActed({ ...acted, [n.id]: nowIso() }, now()))
}

/** A change the server did not accept is given up: the device shows the server's nudge again. */
export async function giveUp(n: Nudge): Promise<void> {
  await discard('nudges', n.id)
}
