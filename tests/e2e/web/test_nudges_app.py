"""Today and More in real Chromium against the real suite: a follow-up nudge shown on two
devices of one member, marked done with a coffee on one of them while offline, synced, and gone
from the other after its sync; then an import of a vCard file with a bad card, followed to the
end, its error listed, the people on the device; and the export downloaded."""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from shared import clock

from ...waiting import wait_for
from .conftest import SYNC_MS, nav, screenshot, signed_in, sync_now, synced

pytestmark = pytest.mark.e2e
ALL_DAY = {"start": "00:00", "end": "23:59", "days": [1, 2, 3, 4, 5, 6, 7]}


def sync_until(page: Page, done, what: str, timeout: float = 30) -> None:
    """Sync now until `done()` holds: the server holds back its newest changes for a moment
    (the nudges scope's pull lag), so one sync right after a change may not bring it yet."""
    deadline = time.monotonic() + timeout
    while True:
        sync_now(page)
        if done():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s syncing until {what}")
        time.sleep(1)


def nudge_card(page: Page, text: str):
    return page.get_by_test_id("inbox").get_by_test_id("nudge").filter(has_text=text)


def test_a_nudge_done_offline_on_one_device_leaves_the_other(suite, mailpit, member, device):
    me = member()
    plan = me.put("/v1/plan", json={"style": "introvert", "timezone": "UTC", "follow_up_days": 2,
                                    "working_hours": ALL_DAY, "max_nudges_per_day": 5})
    assert plan.status_code == 200, plan.text
    met_at = (clock.now() - timedelta(days=4)).isoformat()
    grace = me.post("/v1/contacts", json={"display_name": "Grace Hopper", "met_at": met_at})
    assert grace.status_code == 201, grace.text
    grace = grace.json()

    def due_follow_up():  # due today or earlier in the member's zone (UTC): every day is a working day
        today = clock.now().date()
        items = me.get("/v1/nudges", params={"contact_id": grace["id"], "status": "pending"}).json()["items"]
        return [n for n in items if n["kind"] == "follow_up" and datetime.fromisoformat(n["due_local"]).date() <= today]
    [nudge] = wait_for(due_follow_up, timeout=90, what="a follow-up nudge due today for Grace Hopper",
                       show=lambda: me.get("/v1/nudges").json())
    assert nudge["sentence"].startswith("Follow up with Grace Hopper")

    (phone, a), (tablet, b) = signed_in(device, suite, mailpit, me.email, 2)
    for page in (a, b):
        expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
        if not nudge_card(page, "Grace Hopper").count():
            sync_until(page, lambda p=page: nudge_card(p, "Grace Hopper").count() == 1, "the nudge arrived")
        expect(nudge_card(page, "Follow up with Grace Hopper")).to_be_visible()

    card = nudge_card(a, "Grace Hopper")
    expect(card.get_by_role("link", name="Grace Hopper")).to_have_attribute("href", f"/contacts/{grace['id']}")
    card.get_by_text("Why", exact=True).click()
    expect(card.get_by_text(re.compile(r"You met Grace Hopper on \d{4}-\d{2}-\d{2}"))).to_be_visible()
    expect(card.get_by_text("Follow-up after meeting someone")).to_be_visible()
    screenshot(a, "today")

    phone.set_offline(True)
    expect(a.get_by_test_id("sync-state")).to_have_text("Offline")
    card.get_by_role("button", name="Done", exact=True).click()
    card.get_by_label("What did you do? (optional)").select_option("coffee")
    card.get_by_label("Note (optional)").fill("Talked about compilers")
    card.get_by_role("button", name="Save as done").click()
    expect(nudge_card(a, "Grace Hopper")).to_have_count(0)
    acted = a.get_by_test_id("done-today").get_by_test_id("acted").filter(has_text="Grace Hopper")
    expect(acted).to_contain_text("Done")
    expect(acted.get_by_text("Saved on this device")).to_be_visible()
    expect(a.get_by_test_id("waiting")).to_have_text("1 waiting to sync")

    phone.set_offline(False)
    synced(a)
    expect(acted.get_by_text("Synced")).to_be_visible(timeout=SYNC_MS)
    assert me.get(f"/v1/nudges/{nudge['id']}").json()["status"] == "done"

    def coffee():  # the nudge's completion reaches the contacts service as an interaction
        items = me.get("/v1/interactions", params={"contact_id": grace["id"]}).json()["items"]
        return [i for i in items if i["kind"] == "coffee"]
    [logged] = wait_for(coffee, timeout=30, what="the coffee logged with Grace Hopper")
    assert logged.get("notes") == "Talked about compilers"

    expect(nudge_card(b, "Grace Hopper")).to_be_visible()  # B has not synced since
    sync_until(b, lambda: nudge_card(b, "Grace Hopper").count() == 0, "the nudge left B's inbox")
    acted = b.get_by_test_id("done-today").get_by_test_id("acted").filter(has_text="Grace Hopper")
    expect(acted).to_contain_text("Done")


def vcard(*cards: list[str]) -> tuple[bytes, list[int]]:
    """A vCard file of the given cards (their inner lines) and the line each card begins on."""
    lines, starts = [], []
    for inner in cards:
        starts.append(len(lines) + 1)
        lines += ["BEGIN:VCARD", "VERSION:3.0", *inner, "END:VCARD"]
    return ("\r\n".join(lines) + "\r\n").encode(), starts


def test_import_a_vcard_with_a_bad_card_then_export(suite, mailpit, member, device):
    me = member()
    [(phone, a)] = signed_in(device, suite, mailpit, me.email)

    nav(a, "More").click()
    expect(a.get_by_role("heading", level=1, name="More")).to_be_visible()
    expect(a.get_by_test_id("who")).to_contain_text(me.email)
    expect(a.get_by_test_id("devices").get_by_text("This device")).to_be_visible()
    expect(a.get_by_test_id("outbox-count")).to_have_text("No change waiting to be sent")
    expect(a.get_by_test_id("record-states").get_by_role("listitem")).to_have_count(7)
    expect(a.get_by_test_id("last-sync")).not_to_contain_text(re.compile("not yet|syncing"), timeout=SYNC_MS)
    screenshot(a, "settings")

    body, starts = vcard(["UID:e2e-kj", "FN:Katherine Johnson", "ORG:NASA", "EMAIL:kj@nasa.example"],
                         ["UID:e2e-dv", "FN:Dorothy Vaughan", "TEL:+1 757 555 0100"],
                         ["EMAIL:x"])  # names no one: not imported
    a.get_by_role("link", name="Import contacts").click()
    expect(a.get_by_role("heading", level=1, name="Import contacts")).to_be_visible()
    a.get_by_label("File to import").set_input_files(files=[{"name": "people.vcf", "mimeType": "text/vcard",
                                                             "buffer": body}])
    a.get_by_role("button", name="Import", exact=True).click()
    job = a.get_by_test_id("import-job")
    expect(job).to_have_attribute("data-status", "done", timeout=60_000)
    bar = job.locator("progress")
    expect(bar).to_have_attribute("max", "3")
    expect(bar).to_have_attribute("value", "3")
    expect(a.get_by_test_id("import-counts")).to_have_text(
        "3 rows read: 2 new, 0 updated, 0 unchanged, 1 not imported")
    errors = a.get_by_test_id("import-errors")
    expect(errors.get_by_role("row")).to_have_count(2)  # the header and the bad card
    expect(errors.get_by_role("row").nth(1).get_by_role("cell").first).to_have_text(str(starts[2]))
    screenshot(a, "import")

    synced(a)  # the job's end started a sync: the people are on the device
    nav(a, "People").click()
    for name in ("Katherine Johnson", "Dorothy Vaughan"):
        expect(a.get_by_role("link", name=name, exact=True)).to_be_visible(timeout=SYNC_MS)

    nav(a, "More").click()
    a.get_by_role("link", name="Export contacts").click()
    with a.expect_download() as download:
        a.get_by_role("button", name="Download vCard (.vcf)").click()
    assert download.value.suggested_filename == "contacts.vcf"
    text = open(download.value.path(), encoding="utf-8").read()
    assert "FN:Katherine Johnson" in text and "FN:Dorothy Vaughan" in text
