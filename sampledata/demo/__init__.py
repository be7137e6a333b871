"""The demo: a conference whose call is the project's seed call, word for
word (call.toml), with its two chairs, an author and reviewers in its pool.

`demo_load` is idempotent: it brings the demo to the state call.toml
describes, creating only what is missing. The call's texts are rewritten
from the file every time; its deadlines are set when the call is created or
no longer open, so that the demo always has an open call (opening now, the
full paper due some weeks ahead, Anywhere on Earth).
"""

import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from portal.models import Conference, Panel, PanelChair, Topic, User
from reviews.models import PanelReviewer

CALL_FILE = Path(__file__).with_name("call.toml")
# Every demo account has this password; it is printed by load_demo and in the README.
DEMO_PASSWORD = "demo-conference-2026"
ABSTRACT_WEEKS, FULL_PAPER_WEEKS, REVIEW_WEEKS, CAMERA_READY_WEEKS, CONFERENCE_WEEKS = 4, 6, 10, 16, 20


@dataclass(frozen=True)
class DemoLogin:
    role: str
    name: str
    email: str


def demo_call() -> dict:
    with CALL_FILE.open("rb") as call_file:
        return tomllib.load(call_file)


def end_of_day(day: datetime.date, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=zone)


def demo_deadlines(conference: Conference, now: datetime.datetime) -> dict:
    """Open since yesterday; each deadline the end of a day in the conference's time zone."""
    today = timezone.localtime(now, conference.zone).date()

    def weeks_ahead(weeks):
        return end_of_day(today + datetime.timedelta(weeks=weeks), conference.zone)

    return {
        "opens_at": datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=conference.zone),
        "abstract_deadline": weeks_ahead(ABSTRACT_WEEKS),
        "submission_deadline": weeks_ahead(FULL_PAPER_WEEKS),
        "review_deadline": weeks_ahead(REVIEW_WEEKS),
        "camera_ready_deadline": weeks_ahead(CAMERA_READY_WEEKS),
    }


def _demo_user(*, name: str, email: str, affiliation: str) -> User:
    """A verified account with the demo password; an existing account keeps its password."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "affiliation": affiliation},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def demo_load(*, now: datetime.datetime | None = None) -> tuple[Panel, list[DemoLogin]]:
    now = now or timezone.now()
    data = demo_call()
    conference_data = data["conference"]
    conference, _created = Conference.objects.update_or_create(
        slug=conference_data["slug"],
        defaults={key: value for key, value in conference_data.items() if key != "slug"},
    )
    if conference.starts_on is None:
        conference.starts_on = (now + datetime.timedelta(weeks=CONFERENCE_WEEKS)).date()
        conference.ends_on = conference.starts_on + datetime.timedelta(days=2)
        conference.save(update_fields=["starts_on", "ends_on"])

    panel_data = dict(data["panel"])
    chairs, topics = panel_data.pop("chairs"), panel_data.pop("topics")
    panel = Panel.objects.filter(conference=conference, slug=panel_data["slug"]).first()
    if panel is None:
        panel = Panel(conference=conference, **demo_deadlines(conference, now))
    elif not Panel.objects.filter(pk=panel.pk).open_for_submissions(now).exists():
        for name, value in demo_deadlines(conference, now).items():
            setattr(panel, name, value)
    for name, value in panel_data.items():
        setattr(panel, name, value)
    panel.is_published = True
    panel.save()

    for number, text in enumerate(topics, start=1):
        Topic.objects.update_or_create(panel=panel, number=number, defaults={"text": text})
    Topic.objects.filter(panel=panel, number__gt=len(topics)).delete()

    logins = []
    for position, chair in enumerate(chairs):
        user = _demo_user(name=chair["name"], email=chair["email"], affiliation=chair["affiliation"])
        PanelChair.objects.update_or_create(
            panel=panel, user=user, defaults={"affiliation": chair["affiliation"], "position": position},
        )
        logins.append(DemoLogin("chair", user.display_name, user.email))

    for person in data["people"]:
        user = _demo_user(name=person["name"], email=person["email"], affiliation=person["affiliation"])
        if person["role"] == "reviewer":
            PanelReviewer.objects.get_or_create(panel=panel, user=user)
        logins.append(DemoLogin(person["role"], user.display_name, user.email))
    return panel, logins
