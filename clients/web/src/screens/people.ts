// What the people screens share: the words for tiers and kinds, search, and reciprocity.
import type { LocalRecord } from '../lib/db'

export const TIERS: [string, string][] = [
  ['mentor', 'Mentor'], ['guardian', 'Guardian'], ['sponsor', 'Sponsor'], ['peer', 'Peer'], ['acquaintance', 'Acquaintance'],
]

export const INTERACTION_KINDS: [string, string][] = [
  ['coffee', 'Coffee'], ['call', 'Call'], ['message', 'Message'], ['meeting', 'Meeting'], ['met', 'Met'],
  ['intro_made', 'Introduction made'], ['help_given', 'Help given'], ['help_received', 'Help received'],
]

export const DIRECTIONS: [string, string][] = [['', 'No one in particular'], ['gave', 'I gave'], ['received', 'I received'], ['mutual', 'Both']]

export const KIND_TEXT = Object.fromEntries(INTERACTION_KINDS)

export const lines = (text: string): string[] => text.split('\n').map((s) => s.trim()).filter(Boolean)

const words = (text: string): string[] => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  .split(/[^a-z0-9@.+]+/).filter(Boolean)

/** Whether every word of `query` starts a word of the contact's name, company, title, emails or tags. */
export function matches(contact: LocalRecord, query: string): boolean {
  const wanted = words(query)
  if (!wanted.length) return true
  const text = [contact.display_name, contact.company, contact.title, ...((contact.emails as string[]) ?? []),
    ...((contact.tags as string[]) ?? [])].filter(Boolean).join(' ')
  const have = words(text)
  return wanted.every((w) => have.some((h) => h.startsWith(w)))
}

export interface Filters { q: string; tier: string; tag: string; gathering: string; state: string }

export function filterContacts(contacts: LocalRecord[], f: Filters): LocalRecord[] {
  return contacts
    .filter((c) => !c._deleted)
    .filter((c) => !f.tier || c.tier === f.tier)
    .filter((c) => !f.tag || ((c.tags as string[]) ?? []).includes(f.tag.toLowerCase()))
    .filter((c) => !f.gathering || c.gathering_id === f.gathering)
    .filter((c) => !f.state || c._state === f.state)
    .filter((c) => matches(c, f.q))
    .sort((a, b) => String(a.display_name).localeCompare(String(b.display_name)))
}

export interface Reciprocity { gave: number; received: number; mutual: number; touches: number; last?: string }

/** Giving and receiving with one person, from their interactions. */
export function reciprocity(interactions: LocalRecord[]): Reciprocity {
  const r: Reciprocity = { gave: 0, received: 0, mutual: 0, touches: 0 }
  for (const i of interactions) {
    if (i._deleted) continue
    r.touches += 1
    const direction = i.direction ?? (i.kind === 'help_given' ? 'gave' : i.kind === 'help_received' ? 'received' : null)
    if (direction === 'gave') r.gave += 1
    else if (direction === 'received') r.received += 1
    else if (direction === 'mutual') r.mutual += 1
    const at = String(i.occurred_at ?? '')
    if (!r.last || at > r.last) r.last = at
  }
  return r
}

export function balance(r: Reciprocity): string {
  if (!r.gave && !r.received) return 'No favours either way yet'
  if (r.gave > r.received) return `You gave more (${r.gave} to ${r.received})`
  if (r.received > r.gave) return `You received more (${r.received} to ${r.gave}) — time to give`
  return `Balanced (${r.gave} each way)`
}
