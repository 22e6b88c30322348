"""The strategy screens in real Chromium on a phone: the member sets an ultimate goal whose path
needs a relationship (the CTO at Acme), sees it missing, captures that CTO, and — once the
capture synced and the goals follower learnt it — sees the need covered (weakly: one meeting).
Then the questionnaire sets the plan, an objective is added, and the reviews draw their charts.
Every screen is checked with axe-core (no serious or critical violation)."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from .conftest import SYNC_MS, axe_violations, nav, screenshot, signed_in, synced

pytestmark = pytest.mark.e2e
FOLLOWER_S = 60      # s: the goals follower learning a capture from the contacts events


def subnav(page: Page, name: str):
    return page.get_by_role("navigation", name="Strategy").get_by_role("link", name=name, exact=True)


def accessible(page: Page, where: str) -> None:
    """axe-core finds nothing serious or critical on the page as it stands."""
    bad = axe_violations(page)
    assert not bad, f"{where}: {bad}"


def verdicts(page: Page, milestone: str) -> list[str]:
    card = page.locator(f'[data-testid="milestone-coverage"][data-milestone="{milestone}"]')
    return [n.get_attribute("data-verdict") or "" for n in card.get_by_test_id("need").all()]


def test_a_goal_its_coverage_after_a_capture_the_plan_and_the_reviews(suite, mailpit, member, device):
    me = member()
    [(phone, page)] = signed_in(device, suite, mailpit, me.email)

    nav(page, "Strategy").click()
    expect(page.get_by_role("heading", level=1, name="Strategy")).to_be_visible()
    expect(page.get_by_text("No ultimate goal yet")).to_be_visible()
    accessible(page, "the strategy start, no goal")
    page.get_by_role("link", name="Set your ultimate goal").click()
    expect(page.get_by_role("heading", level=1, name="New goal")).to_be_visible()

    page.get_by_label("Goal title").fill("CTO of a fintech")
    page.get_by_label("Why").fill("Build the engineering culture I wish I had")
    page.get_by_role("button", name="Add a milestone").click()
    milestone = page.get_by_test_id("milestone-edit").first
    expect(milestone.get_by_label("Kind")).to_have_value("relationship")
    milestone.get_by_label("Milestone title").fill("Know Acme's CTO")
    milestone.get_by_label("Role to know").fill("CTO")
    milestone.get_by_label("Organisation").fill("Acme")
    milestone.get_by_label("Done when").fill("We have had coffee twice")
    accessible(page, "the goal editor")
    page.get_by_role("button", name="Save goal").click()

    page.wait_for_url(re.compile(r"/strategy/goals/[0-9a-f-]+$"))
    goal_id = page.url.rsplit("/", 1)[1]
    expect(page.get_by_role("heading", level=2, name=re.compile("CTO of a fintech"))).to_be_visible()
    synced(page)
    goal = me.get(f"/v1/goals/{goal_id}")
    assert goal.status_code == 200, goal.text
    assert goal.json()["horizon"] == "ultimate"
    [m] = goal.json()["milestones"]
    assert (m["kind"], m["role"], m["organisation"], m["status"]) == ("relationship", "CTO", "Acme", "open")

    expect(page.get_by_test_id("need").first).to_have_attribute("data-verdict", "missing", timeout=SYNC_MS)
    need = page.get_by_test_id("need").first
    expect(need).to_contain_text("Missing")
    expect(need).to_contain_text("CTO at Acme")
    heading = page.get_by_role("heading", level=2, name=re.compile("CTO of a fintech"))
    expect(heading.get_by_text("Synced")).to_be_visible()
    accessible(page, "the goal with its coverage")
    subnav(page, "Goal").click()
    expect(page.get_by_test_id("goal").first).to_contain_text("Know Acme's CTO")
    screenshot(page, "strategy")

    # the CTO, met today: captured on the phone, synced, then learnt by the goals follower
    nav(page, "Capture").click()
    page.get_by_label("Name", exact=True).fill("Grace Hopper")
    page.get_by_label("Company").fill("Acme")
    page.get_by_label("Title").fill("CTO")
    page.get_by_role("button", name="Save person").click()
    expect(page.get_by_role("status").filter(has_text="Saved Grace Hopper on this device")).to_be_visible()
    synced(page)

    page.goto(f"{suite.base_url}/strategy/goals/{goal_id}")
    refresh = page.get_by_role("button", name=re.compile("^Refresh"))
    deadline = time.monotonic() + FOLLOWER_S
    while time.monotonic() < deadline:
        expect(refresh).to_be_enabled(timeout=SYNC_MS)
        if verdicts(page, "Know Acme's CTO") and verdicts(page, "Know Acme's CTO")[0] in ("covered", "weak"):
            break
        refresh.click()
        page.wait_for_timeout(1000)
    assert verdicts(page, "Know Acme's CTO")[0] in ("covered", "weak"), verdicts(page, "Know Acme's CTO")
    need = page.get_by_test_id("need").first
    expect(need).to_contain_text(re.compile("Covered|Weak"))
    expect(need.get_by_text("Grace Hopper", exact=True)).to_be_visible()
    need.scroll_into_view_if_needed()
    screenshot(page, "coverage")

    # offline: the goal and its last coverage still show; an edit waits in the outbox
    phone.set_offline(True)
    page.reload()
    expect(page.get_by_role("status").filter(has_text="Offline — showing what was fetched")).to_be_visible()
    expect(page.get_by_test_id("need").first).to_contain_text(re.compile("Covered|Weak"))
    page.get_by_test_id("milestone-edit").first.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status").filter(has_text="offline — will sync")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile("CTO of a fintech"))
           .get_by_text("Saved on this device")).to_be_visible()
    phone.set_offline(False)
    synced(page)
    assert me.get(f"/v1/goals/{goal_id}").json()["milestones"][0]["status"] == "in_progress"

    # the plan from the questionnaire: eight questions as labelled groups
    subnav(page, "Plan").click()
    expect(page.get_by_role("heading", level=2, name="Fit the plan to you")).to_be_visible()
    groups = page.get_by_role("form", name="Questionnaire").get_by_role("group")
    expect(groups).to_have_count(8)

    def question(starts: str):
        return page.get_by_role("group", name=re.compile("^" + starts))

    question("Where do you get your energy").get_by_label("one to one").check()
    question("Which ways of networking").get_by_label("coffee").check()
    question("Which ways of networking").get_by_label("calls").check()
    question("How many hours").get_by_label(re.compile("^Hours")).fill("3")
    question("How comfortable are you writing").get_by_label("2", exact=True).check()
    question("How comfortable are you speaking").get_by_label("2", exact=True).check()
    question("How soon do you usually follow up").get_by_label("within days").check()
    question("What can you offer").get_by_label("Comma-separated").fill("code review")
    accessible(page, "the plan and its questionnaire")
    page.get_by_role("button", name="Set my plan from these answers").click()
    expect(page.get_by_role("status").filter(has_text="Your plan is set: introvert")).to_be_visible()
    plan = me.get("/v1/plan").json()
    assert plan["style"] == "introvert" and plan["offers"] == ["code review"], plan
    synced(page)
    expect(page.get_by_test_id("plan")).to_contain_text("introvert plan")

    # an objective, offline-capable through the outbox
    subnav(page, "Objectives").click()
    page.get_by_label("Objective", exact=True).fill("Meet two fintech CTOs by March")
    page.get_by_label("Target").fill("2")
    page.get_by_label("Due date").fill("2031-03-31")
    page.get_by_label("Role", exact=True).fill("CTO")
    page.get_by_role("button", name="Add objective").click()
    expect(page.get_by_test_id("objective").filter(has_text="Meet two fintech CTOs by March")).to_be_visible()
    synced(page)
    objectives = me.get("/v1/objectives").json()["items"]
    assert [(o["kind"], o["target"], o["criteria"]["role"]) for o in objectives] == [("meet", 2, "CTO")], objectives
    page.get_by_role("button", name=re.compile("^Refresh")).click()
    expect(page.get_by_test_id("objective").first).to_contain_text(re.compile(r"\d+ of 2"))
    accessible(page, "the objectives")

    # the reviews: this week (Grace was met in it) and this quarter, as charts
    subnav(page, "Review").click()
    week = page.get_by_label("Week", exact=True)
    week.select_option(index=0)          # this week, under way
    review = page.get_by_test_id("review")
    expect(review).to_be_visible()
    charts = page.get_by_role("img")
    expect(charts.first).to_have_attribute("aria-label", re.compile(r"^Touches: \d+ made of [\d.]+ planned"))
    expect(page.get_by_role("img", name=re.compile("^New relationships: 1"))).to_be_visible()
    page.get_by_role("button", name=re.compile("^Show the numbers of Touches")).click()
    expect(page.get_by_role("table").first).to_contain_text("coffee")
    accessible(page, "the weekly review")
    page.get_by_label("Which review").select_option("quarterly")
    expect(page.get_by_role("img", name=re.compile(r"^\d+ weeks?: "))).to_be_visible()
    accessible(page, "the quarterly review")
    screenshot(page, "review")
