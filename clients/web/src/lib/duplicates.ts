// Possible duplicates the server sees (`GET /v1/duplicates`), kept on the device as offers beside
// those a push answered (`possible_duplicates`, src/lib/sync.ts). Fetched after every sync.
import { get } from './api'
import { type DuplicateOffer, db } from './db'

interface Pair { contact_ids: string[]; reasons: string[]; contacts: { id: string; display_name: string }[] }

/** The server's pairs as offers: the contact known longest stays, the newer one merges into it. */
export async function fetchServerPairs(): Promise<void> {
  const page = await get<{ items: Pair[] }>('/v1/duplicates?limit=100')
  const created = async (id: string) => String((await db().contacts.get(id))?.created_at ?? '\uffff')
  const offers: DuplicateOffer[] = []
  for (const p of page.items.filter((pair) => pair.contacts.length === 2)) {
    const [x, y] = p.contacts
    const [keep, other] = (await created(y.id)) < (await created(x.id)) ? [y, x] : [x, y]
    offers.push({ id: `${keep.id}:${other.id}`, keep: keep.id, other: other.id,
      names: [keep.display_name, other.display_name], reasons: p.reasons })
  }
  const known = new Set((await db().duplicates.toArray()).flatMap((o) => [`${o.keep}:${o.other}`, `${o.other}:${o.keep}`]))
  const gone = new Set((await db().contacts.filter((c) => Boolean(c._deleted)).primaryKeys()))
  await db().duplicates.bulkPut(offers.filter((o) => !known.has(o.id) && !gone.has(o.keep) && !gone.has(o.other)))
}
