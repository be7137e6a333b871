"""What visitors see: open and past calls, calendars, accepted papers."""

import datetime

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from calls.models import CalendarFeed
from portal.models import Panel
from reviews.models import Decision
from submissions.models import Submission
from tests import factories


def test_home_lists_open_calls_with_their_languages_and_past_calls_move_to_their_list(client, panel):
    closed = factories.PanelFactory(conference=panel.conference, title="A closed call", state=Panel.State.CLOSED)
    home = client.get(reverse("home")).content.decode()
    assert panel.title in home and closed.title not in home and "English, Portuguese, Spanish" in home
    past = client.get(reverse("past_calls")).content.decode()
    assert closed.title in past and panel.title not in past


def test_the_calls_calendar_holds_its_deadlines(client, panel):
    response = client.get(reverse("calls:call_ics", kwargs={"conference_slug": panel.conference.slug,
                                                            "panel_slug": panel.slug}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = [event for event in Calendar.from_ical(response.content).walk("VEVENT")]
    starts = {event.decoded("dtstart") for event in events}
    assert {panel.submission_deadline.replace(microsecond=0), panel.review_deadline.replace(microsecond=0)} <= starts


def test_a_drafts_calendar_is_not_public(client, panel):
    panel.state = Panel.State.DRAFT
    panel.save()
    assert client.get(reverse("calls:call_ics", kwargs={"conference_slug": panel.conference.slug,
                                                        "panel_slug": panel.slug})).status_code == 404


def test_the_private_feed_holds_the_users_deadlines_and_a_new_address_revokes_the_old(client, paper, author, reviewer):
    client.force_login(author)
    client.post(reverse("calls:feed_settings"), {"action": "renew"})
    token = CalendarFeed.objects.get(user=author).token
    client.logout()
    feed = client.get(reverse("calls:feed", kwargs={"token": token}))
    summaries = [str(event["summary"]) for event in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert any(paper.panel.title in summary for summary in summaries)
    assert not any(summary.startswith("Review deadline") for summary in summaries)  # not the author's
    client.force_login(author)
    client.post(reverse("calls:feed_settings"), {"action": "renew"})
    assert client.get(reverse("calls:feed", kwargs={"token": token})).status_code == 404
    client.post(reverse("calls:feed_settings"), {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=author).exists()


def test_accepted_papers_are_published_by_the_chairs_after_release(client, panel, paper, chair):
    url = reverse("calls:accepted_papers", kwargs={"conference_slug": panel.conference.slug, "panel_slug": panel.slug})
    assert client.get(url).status_code == 404
    client.force_login(chair)
    publish = reverse("calls:accepted_publish", kwargs={"conference": panel.conference.slug, "panel": panel.slug})
    client.post(publish, {"publish": "1"})
    assert Panel.objects.get(pk=panel.pk).accepted_published_at is None  # no decision released yet
    Submission.objects.filter(pk=paper.pk).update(state=Submission.State.ACCEPTED)
    Decision.objects.create(submission=paper, outcome=Decision.Outcome.ACCEPT, released_at=timezone.now())
    client.post(publish, {"publish": "1"})
    client.logout()
    body = client.get(url).content.decode()
    assert paper.title in body and paper.abstract[:40] in body


def test_a_calls_deadline_seen_on_its_page_in_the_conference_zone(client, panel):
    panel.submission_deadline = datetime.datetime(2027, 3, 1, 23, 59, tzinfo=panel.conference.zone)
    panel.save()
    body = client.get(panel.get_absolute_url()).content.decode()
    assert str(panel.conference.time_zone_label) in body
