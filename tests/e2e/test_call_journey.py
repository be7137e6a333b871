"""Journey 5 (issue 15): from an empty database and one management command,
an organiser creates a panel and names two chairs; a chair writes the seed
call into the editor with its topics and deadlines, previews it and opens it;
an author finds it on the home page and submits; the chair extends the
deadline and the author sees the new one; the calendar feed holds the
deadlines. Every page on the way passes axe."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from portal.models import Panel
from submissions.models import Submission
from tests.e2e.helpers import last_mail_to, link_in, sign_up, verify_email
from tests.e2e.test_author_journey import fill_author
from tests.pdfs import FIXTURES
from tests.seed_paper import seed_paper

pytestmark = pytest.mark.django_db(transaction=True)
SEED_CALL = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_98003f5cc9277431.txt"
if not SEED_CALL.exists():
    SEED_CALL = Path("/work/shared/seeds/000_98003f5cc9277431.txt")
ORGANISER, SAMUEL, DANILO = "olga@lass.example.org", "samuel.soares@unesp.example.br", "danilo.neto@esg.example.br"


def seed_call() -> dict:
    parts = [part.strip("\n") for part in re.split(r"\n\s*\n", SEED_CALL.read_text(encoding="utf-8")) if part.strip()]
    return {
        "title": parts[0], "description": "\n\n".join(parts[3:6]),
        "topics": [line.strip().removeprefix("•").strip() for line in parts[6].splitlines() if line.strip()],
        "references": "\n\n".join(parts[9:]),
    }


def wall_clock(moment: datetime.datetime, zone) -> str:
    return timezone.localtime(moment, zone).strftime("%Y-%m-%dT%H:%M")


def join_by_invitation(page, email, name, assert_accessible):
    """Signs up with the invited address, confirms it and accepts the invitation from the mail."""
    invitation = link_in(last_mail_to(email, "role_invitation"), "/invitations/")
    page.goto("/accounts/signup/?next=" + invitation)
    sign_up(page, email=email, name=name)
    verify_email(page, email)
    page.goto(invitation)
    assert_accessible(page)
    page.get_by_role("button", name="Accept the invitation").click()


@pytest.mark.skipif(not SEED_CALL.exists(), reason="the shared seeds are not on this machine")
def test_organisers_and_chairs_set_up_open_and_extend_a_call_in_the_browser(
        browser, live_server, page, screenshots, assert_accessible):
    call_command("create_conference", "--organiser", ORGANISER, "--name", "Latin American Security Studies 2027",
                 "--slug", "lass", "--time-zone", "America/Sao_Paulo", "--languages", "en,pt,es")
    seed = seed_call()

    join_by_invitation(page, ORGANISER, "Olga Organiser", assert_accessible)
    assert page.url.endswith("/organise/lass/")
    assert_accessible(page)
    page.get_by_role("link", name="New panel").click()
    page.get_by_label("Title of the panel").fill(seed["title"])
    page.get_by_label("Address").fill("southern-responses")
    page.get_by_label("Chairs").fill(f"{SAMUEL}\nnot-an-address")
    page.get_by_role("button", name="Create the panel").click()
    assert "“not-an-address” is not an email address." in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Chairs").fill(f"{SAMUEL}\n{DANILO}")
    page.get_by_role("button", name="Create the panel").click()
    panel = Panel.objects.get(slug="southern-responses")
    assert panel.state == Panel.State.DRAFT
    screenshots(page, "panel-home-organiser")
    assert_accessible(page)

    chair = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    join_by_invitation(chair, SAMUEL, "Samuel Alves Soares", assert_accessible)
    chair.get_by_role("link", name="Title and text").click()
    chair.get_by_label("Text of the call").fill(seed["description"] + "\n\n<script>alert(1)</script>")
    chair.get_by_role("button", name="Save the text").click()
    assert "may not contain scripts" in chair.locator("main").inner_text()
    assert_accessible(chair)
    chair.get_by_label("Text of the call").fill(seed["description"])
    chair.get_by_label("References").fill(seed["references"])
    chair.get_by_role("button", name="Save the text").click()

    chair.get_by_role("link", name="Topics").click()
    for topic in seed["topics"]:
        chair.locator("main [name=text]").last.fill(topic)
        chair.get_by_role("button", name="Add the topic").click()
    assert_accessible(chair)

    zone = panel.conference.zone
    now = timezone.now()
    opens, due = now - datetime.timedelta(days=1), now + datetime.timedelta(weeks=6)
    chair.goto("/chair/lass/southern-responses/deadlines/")
    chair.get_by_label("Submissions open").fill(wall_clock(opens, zone))
    chair.get_by_label("Full-paper deadline").fill(wall_clock(due, zone))
    chair.get_by_label("Review deadline").fill(wall_clock(due - datetime.timedelta(days=3), zone))
    chair.get_by_role("button", name="Save the deadlines").click()
    assert "must come after the full-paper deadline" in chair.locator("main").inner_text()
    assert_accessible(chair)
    chair.get_by_label("Review deadline").fill(wall_clock(due + datetime.timedelta(weeks=4), zone))
    chair.get_by_role("button", name="Save the deadlines").click()

    chair.get_by_role("link", name="Preview the public page").click()
    assert "preview of a draft" in chair.locator("main").inner_text()
    assert chair.get_by_role("heading", level=1).inner_text() == seed["title"]
    screenshots(chair, "draft-preview")
    assert_accessible(chair)
    chair.go_back()
    chair.get_by_role("button", name="Open the call").click()
    assert Panel.objects.get(pk=panel.pk).state == Panel.State.OPEN
    assert_accessible(chair)

    author = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    author.goto("/")
    author.get_by_role("link", name=seed["title"]).click()
    assert_accessible(author)
    paper = seed_paper()
    gilberto, thiago = paper["authors"]
    author.get_by_role("link", name="Submit a paper").first.click()
    sign_up(author, email=gilberto["email"], name=gilberto["name"], affiliation=gilberto["affiliation"])
    verify_email(author, gilberto["email"])
    author.locator("main [name=title]").fill(paper["title"])
    author.locator("main [name=abstract]").fill(paper["abstract"])
    author.locator("main [name=keywords]").fill("; ".join(paper["keywords"]))
    author.get_by_label("South-South cooperation", exact=False).check()
    author.locator("main [name=language]").select_option(paper["language"])
    fill_author(author, 0, gilberto)
    if author.get_by_role("button", name="Add another author").is_visible():
        author.get_by_role("button", name="Add another author").click()
    fill_author(author, 1, thiago)
    author.locator("main [name=paper]").set_input_files(str(FIXTURES / "seed_paper.pdf"))
    author.get_by_role("button", name="Save and review").click()
    author.get_by_role("button", name="Submit anyway").click()
    assert Submission.objects.get(title=paper["title"]).state == Submission.State.SUBMITTED

    later = due + datetime.timedelta(weeks=1)
    chair.goto("/chair/lass/southern-responses/deadlines/")
    chair.get_by_label("Full-paper deadline").fill(wall_clock(later, zone))
    chair.get_by_label("Tell the authors of drafts and submitted papers by mail").check()
    chair.get_by_role("button", name="Save the deadlines").click()
    assert "The mail to the authors" in chair.locator("main").inner_text()
    screenshots(chair, "extension-preview")
    assert_accessible(chair)
    chair.get_by_role("button", name="Save the deadlines and send the mail").click()
    panel.refresh_from_db()
    assert wall_clock(panel.submission_deadline, zone) == wall_clock(later, zone)
    assert "changed its deadlines" in last_mail_to(gilberto["email"], "deadline_changed").body_text

    author.goto(panel.get_absolute_url())
    shown = author.locator(".deadlines time").nth(1).get_attribute("datetime")
    assert datetime.datetime.fromisoformat(shown) == panel.submission_deadline.replace(microsecond=0)
    feed = author.request.get("/calls/lass/southern-responses/deadlines.ics")
    starts = {event.decoded("dtstart") for event in Calendar.from_ical(feed.body()).walk("VEVENT")}
    assert panel.submission_deadline.replace(microsecond=0) in starts
    assert panel.review_deadline.replace(microsecond=0) in starts
