// Unit tests run in Node with an in-memory IndexedDB (fake-indexeddb): the real Dexie code,
// no browser.
import 'fake-indexeddb/auto'
