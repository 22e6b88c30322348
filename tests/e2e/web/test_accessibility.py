"""Every screen of the app checked by axe-core (the npm package, injected into the page) at
phone size and on a desktop: no serious or critical violation. And a capture done with the
keyboard alone."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from .conftest import axe_violations as violations
from .conftest import sign_in

pytestmark = pytest.mark.e2e
SCREENS = ["/", "/capture", "/contacts", "/duplicates", "/strategy", "/strategy/plan", "/strategy/review",
           "/settings", "/settings/import", "/settings/export"]


def settled(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("viewport", [None, {"width": 1280, "height": 800}], ids=["phone", "desktop"])
def test_no_serious_violations_on_any_screen(suite, mailpit, member, device, viewport):
    me = member()
    contact = me.post("/v1/contacts", json={"display_name": "Ada Lovelace", "company": "Analytical Engines",
                                            "emails": ["ada@example.org"], "tier": "peer"}).json()
    desktop = {"viewport": viewport, "is_mobile": False, "has_touch": False} if viewport else {}
    context = device(**desktop)
    page = context.new_page()
    page.goto(suite.base_url + "/")
    settled(page)
    found = {"/ (signed out)": violations(page)}
    sign_in(page, suite, mailpit, me.email)
    for path in [*SCREENS, f"/contacts/{contact['id']}"]:
        page.goto(suite.base_url + path)
        settled(page)
        found[path] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}, json.dumps(found, indent=1)


def test_capture_with_the_keyboard_alone(suite, mailpit, member, device):
    me = member()
    page = device().new_page()
    sign_in(page, suite, mailpit, me.email)
    page.goto(suite.base_url + "/capture")
    settled(page)
    name = page.get_by_label("Name", exact=True)
    for _ in range(40):  # from the top of the page, Tab until the name field has the focus
        page.keyboard.press("Tab")
        if name.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the name field cannot be reached with Tab")
    page.keyboard.type("Hedy Lamarr")
    page.keyboard.press("Tab")
    page.keyboard.type("Frequency Hopping Inc")
    page.keyboard.press("Enter")  # submits the form
    expect(page.get_by_role("status").filter(has_text="Saved Hedy Lamarr on this device")).to_be_visible()
    expect(name).to_be_focused()  # ready for the next person
    page.goto(suite.base_url + "/contacts")
    expect(page.get_by_role("link", name="Hedy Lamarr")).to_be_visible()
