"""Deadlines as iCalendar (RFC 5545) feeds, written with the icalendar library:
one call's deadlines for anyone, and a user's own (their papers' calls and
the calls they review or chair) behind a revocable token."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from calls.services.deadlines import DEADLINES
from portal.models import Panel
from reviews.models import Assignment, PanelReviewer
from submissions.models import Author, Submission

PRODID = "-//Conference portal//Deadlines//EN"
# A reviewer's deadlines; an author's are the call's up to the camera-ready.
REVIEWER_DEADLINES = {"bidding_deadline", "review_deadline"}
AUTHOR_DEADLINES = {"abstract_deadline", "submission_deadline", "decision_deadline", "camera_ready_deadline"}
CHAIR_DEADLINES = {name for name, _label in DEADLINES}


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _events(calendar: Calendar, panel: Panel, fields: set[str], stamp: datetime.datetime) -> None:
    url = settings.SITE_URL + panel.get_absolute_url()
    for name, label in DEADLINES:
        moment = getattr(panel, name)
        if moment is None or name not in fields:
            continue
        event = Event()
        event.add("uid", f"{panel.conference.slug}.{panel.slug}.{name}@{settings.SITE_URL.split('//')[-1]}")
        event.add("summary", f"{label}: {panel.title}")
        event.add("dtstart", moment.astimezone(datetime.UTC))
        event.add("dtend", moment.astimezone(datetime.UTC))
        event.add("dtstamp", stamp)
        event.add("url", url)
        event.add("description", _("%(label)s of the call “%(title)s” (%(conference)s): %(url)s") % {
            "label": label, "title": panel.title, "conference": panel.conference.name, "url": url})
        calendar.add_component(event)


def call_calendar(panel: Panel, now: datetime.datetime) -> bytes:
    calendar = _calendar(panel.title)
    _events(calendar, panel, CHAIR_DEADLINES, now)
    return calendar.to_ical()


def panels_concerning(user) -> dict[int, tuple[Panel, set[str]]]:
    """Each panel whose deadlines concern the user, with which of them."""
    emails = list(user.emailaddress_set.filter(verified=True).values_list("email", flat=True))
    authored = Submission.objects.filter(
        Q(created_by=user) | Q(pk__in=Author.objects.filter(email__in=emails).values("submission")),
    ).exclude(state=Submission.State.WITHDRAWN).values_list("panel_id", flat=True)
    reviewed = set(PanelReviewer.objects.filter(user=user).values_list("panel_id", flat=True))
    reviewed |= set(Assignment.objects.filter(reviewer=user).values_list("submission__panel_id", flat=True))
    chaired = set(user.chaired_panels.values_list("pk", flat=True))
    wanted: dict[int, set[str]] = {}
    for ids, fields in ((set(authored), AUTHOR_DEADLINES), (reviewed, REVIEWER_DEADLINES), (chaired, CHAIR_DEADLINES)):
        for panel_id in ids:
            wanted.setdefault(panel_id, set()).update(fields)
    panels = Panel.objects.filter(pk__in=wanted).select_related("conference")
    return {panel.pk: (panel, wanted[panel.pk]) for panel in panels}


def user_calendar(user, now: datetime.datetime) -> bytes:
    calendar = _calendar(_("My deadlines"))
    for panel, fields in panels_concerning(user).values():
        _events(calendar, panel, fields, now)
    return calendar.to_ical()
