"""The member's app in real Chromium, two devices of one member: capture offline at a
conference, reload offline, sync once when the network returns, see it on the other device,
merge the duplicate, and settle a same-field conflict. The server is the real suite."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import SYNC_MS, nav, screenshot, signed_in, sync_now, synced

pytestmark = pytest.mark.e2e


def capture(page: Page, name: str, company: str = "", email: str = "", title: str = "") -> None:
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Company").fill(company)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Save person").click()
    expect(page.get_by_role("status").filter(has_text=f"Saved {name} on this device")).to_be_visible()


def open_person(page: Page, name: str) -> str:
    nav(page, "People").click()
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    return page.url.rsplit("/", 1)[1]


def test_capture_offline_then_sync_merge_and_relink(suite, mailpit, member, device):
    me = member()
    existing = me.post("/v1/contacts", json={"display_name": "Grace Hopper", "emails": ["grace@navy.example"]})
    assert existing.status_code == 201, existing.text
    (phone, a), (tablet, b) = signed_in(device, suite, mailpit, me.email, 2)

    phone.set_offline(True)
    nav(a, "Capture").click()
    expect(a.get_by_test_id("sync-state")).to_have_text("Offline")
    a.get_by_role("button", name="New gathering…").click()
    a.get_by_label("Gathering name").fill("DevConf Lisbon")
    a.get_by_role("button", name="Add gathering").click()
    expect(a.get_by_label("Met at")).to_have_value(re.compile(".+"))
    capture(a, "Ada Lovelace", company="Analytical Engines", title="Engineer")
    capture(a, "Alan Turing", company="Bletchley")
    capture(a, "G. Hopper", company="US Navy", email="grace@navy.example")
    screenshot(a, "capture")
    open_person(a, "G. Hopper")
    a.get_by_label("What").select_option("coffee")
    a.get_by_role("button", name="Log it").click()
    expect(a.get_by_role("list", name="Interactions").get_by_text("Coffee")).to_be_visible()
    # a gathering, three people, three "met" interactions and the coffee
    expect(a.get_by_test_id("waiting")).to_have_text("8 waiting to sync")

    a.reload()  # offline: the service worker opens the app, IndexedDB has the data
    expect(a.get_by_role("heading", level=1, name="G. Hopper")).to_be_visible()
    nav(a, "People").click()
    for name in ("Ada Lovelace", "Alan Turing", "G. Hopper"):
        row = a.get_by_role("listitem").filter(has=a.get_by_role("link", name=name, exact=True))
        expect(row.get_by_text("Saved on this device")).to_be_visible()
    expect(a.get_by_test_id("waiting")).to_have_text("8 waiting to sync")
    screenshot(a, "people-offline")

    phone.set_offline(False)
    synced(a)
    people = me.get("/v1/contacts?limit=50").json()["items"]
    assert sorted(p["display_name"] for p in people) == ["Ada Lovelace", "Alan Turing", "G. Hopper", "Grace Hopper"]
    interactions = me.get("/v1/interactions?limit=50").json()["items"]
    assert sorted(i["kind"] for i in interactions) == ["coffee", "met", "met", "met"]  # each once
    assert len(me.get("/v1/gatherings").json()["items"]) == 1
    expect(a.get_by_role("listitem").filter(has_text="G. Hopper").get_by_text("Synced")).to_be_visible()

    sync_now(b)
    nav(b, "People").click()
    for name in ("Ada Lovelace", "Alan Turing", "G. Hopper", "Grace Hopper"):
        expect(b.get_by_role("link", name=name, exact=True)).to_be_visible()
    b.get_by_role("link", name=re.compile("possible duplicate")).click()
    pair = b.get_by_role("listitem").filter(has_text="G. Hopper")
    expect(pair).to_contain_text("Grace Hopper")
    screenshot(b, "duplicates")
    pair.get_by_role("button", name=re.compile("^Merge")).click()
    expect(pair).to_have_count(0)  # merged on this device: the merge is queued in the same write
    synced(b)

    sync_now(a)
    kept = [p for p in me.get("/v1/contacts?limit=50").json()["items"] if "grace@navy.example" in p["emails"]]
    assert len(kept) == 1, kept
    a.goto(f"{suite.base_url}/contacts/{kept[0]['id']}")
    expect(a.get_by_role("list", name="Interactions").get_by_text("Coffee")).to_be_visible()  # re-linked
    nav(a, "People").click()
    expect(a.get_by_role("link", name=kept[0]["display_name"], exact=True)).to_be_visible()
    gone = "G. Hopper" if kept[0]["display_name"] == "Grace Hopper" else "Grace Hopper"
    expect(a.get_by_role("link", name=gone, exact=True)).to_have_count(0)


def test_same_field_edited_on_two_devices_offline(suite, mailpit, member, device):
    me = member()
    created = me.post("/v1/contacts", json={"display_name": "Katherine Johnson", "title": "Analyst"})
    assert created.status_code == 201, created.text
    contact_id = created.json()["id"]
    (phone, a), (tablet, b) = signed_in(device, suite, mailpit, me.email, 2)
    for page in (a, b):
        page.goto(f"{suite.base_url}/contacts/{contact_id}")
        expect(page.get_by_role("heading", level=1, name="Katherine Johnson")).to_be_visible()

    phone.set_offline(True)
    tablet.set_offline(True)
    for page, title in ((a, "Mathematician"), (b, "Aerospace Technologist")):
        page.get_by_role("button", name="Edit").click()
        page.get_by_label("Title").fill(title)
        page.get_by_role("button", name="Save changes").click()
        expect(page.get_by_test_id("waiting")).to_have_text("1 waiting to sync")

    phone.set_offline(False)
    synced(a)
    tablet.set_offline(False)
    panel = b.get_by_role("region", name="Changed on another device too")
    expect(panel).to_be_visible(timeout=SYNC_MS)
    expect(panel.get_by_text("This device: Aerospace Technologist")).to_be_visible()
    expect(panel.get_by_text("Other device: Mathematician")).to_be_visible()
    assert me.get(f"/v1/contacts/{contact_id}").json()["title"] == "Mathematician"  # nothing overwritten
    panel.scroll_into_view_if_needed()
    screenshot(b, "conflict")
    panel.get_by_label("This device: Aerospace Technologist").check()
    panel.get_by_role("button", name="Keep my choice").click()
    expect(panel).to_be_hidden()  # resolved: the choice is queued in the same write
    synced(b)
    sync_now(a)
    server = me.get(f"/v1/contacts/{contact_id}").json()
    assert server["title"] == "Aerospace Technologist"
    for page in (a, b):
        expect(page.get_by_role("region", name="Details").get_by_text("Aerospace Technologist")).to_be_visible()
        expect(page.get_by_text("Synced", exact=True).first).to_be_visible()
