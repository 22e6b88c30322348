"""The app's session: signing in makes a device of the member's, an expired access token is
refreshed without the person noticing, and signing out ends the device session on the server
and leaves nothing of the member on the device."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import sign_in

pytestmark = pytest.mark.e2e

READ_SESSION = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('rapport')
  open.onerror = () => reject(open.error)
  open.onsuccess = () => {
    const db = open.result
    if (!db.objectStoreNames.contains('meta')) { resolve(null); return }
    const get = db.transaction('meta').objectStore('meta').get('auth.session')
    get.onsuccess = () => { resolve(get.result ? get.result.value : null); db.close() }
    get.onerror = () => reject(get.error)
  }
})"""

EXPIRE_SESSION = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('rapport')
  open.onsuccess = () => {
    const db = open.result
    const store = db.transaction('meta', 'readwrite').objectStore('meta')
    const get = store.get('auth.session')
    get.onsuccess = () => {
      const row = get.result
      row.value.expires_at = 0
      const put = store.put(row)
      put.onsuccess = () => { resolve(true); db.close() }
      put.onerror = () => reject(put.error)
    }
  }
  open.onerror = () => reject(open.error)
})"""


def session(page: Page) -> dict | None:
    return page.evaluate(READ_SESSION)


def test_sign_in_refresh_and_sign_out(suite, mailpit, member, device):
    me = member()
    page = device().new_page()
    sign_in(page, suite, mailpit, me.email)
    first = session(page)
    assert first and first["email"] == me.email and first["device_id"]
    devices = me.get("/v1/devices").json()["items"]
    assert first["device_id"] in [d["id"] for d in devices]  # the app is a device of the member's

    page.evaluate(EXPIRE_SESSION)  # as if 15 minutes had passed
    page.get_by_role("button", name="Sync now").click()
    expect(page.get_by_test_id("waiting")).to_have_text("All synced")
    page.wait_for_function("""async (old) => {
        const s = await (%s)(); return s && s.refresh_token !== old }""" % READ_SESSION, arg=first["refresh_token"])
    refreshed = session(page)
    assert refreshed["access_token"] != first["access_token"]
    assert refreshed["device_id"] == first["device_id"]  # the same device, quietly
    expect(page.get_by_text("Sync stopped")).to_have_count(0)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="More", exact=True).click()
    page.once("dialog", lambda dialog: dialog.accept())  # "Sign out of Rapport on this device?"
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    assert session(page) is None
    assert first["device_id"] not in [d["id"] for d in me.get("/v1/devices").json()["items"]]  # ended
