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

from calls.services.call import TEXT_FIELDS, call_move, call_text_save, topic_add, topic_rename, topic_retire
from calls.services.conferences import chair_name, conference_create, panel_create
from calls.services.deadlines import DEADLINES, deadlines_save
from calls.services.rules import RULE_FIELDS, papers_affected, rules_save
from portal.models import Conference, Panel, PanelChair, Topic, User, default_paper_languages
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


def _demo_conference(data: dict, organisers: list[User], now) -> Conference:
    conference = Conference.objects.filter(slug=data["slug"]).first()
    if conference is not None:
        return conference
    starts_on = (now + datetime.timedelta(weeks=CONFERENCE_WEEKS)).date()
    fields = {"languages": default_paper_languages(), "contact_email": organisers[0].email, **data}
    return conference_create(by=None, organiser_emails=[user.email for user in organisers], **fields,
                             starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=2))


def _demo_topics(panel: Panel, chair: User, topics: list[str]) -> None:
    """The file's topics in order: renamed or added as the editor does; any beyond them retired."""
    existing = {topic.number: topic for topic in Topic.objects.filter(panel=panel)}
    for number, text in enumerate(topics, start=1):
        topic = existing.get(number)
        if topic is None:
            topic_add(panel=panel, by=chair, text=text)
        elif topic.text != text or topic.retired:
            topic_rename(topic=topic, by=chair, text=text)
            if topic.retired:
                topic_retire(topic=topic, by=chair, retired=False)
    for number, topic in existing.items():
        if number > len(topics) and not topic.retired:
            topic_retire(topic=topic, by=chair)


def _demo_rules(panel_data: dict) -> dict:
    rules = {name: panel_data[name] for name in RULE_FIELDS if name in panel_data}
    if "double_blind" in panel_data:
        rules["blind_mode"] = Panel.BlindMode.DOUBLE if panel_data["double_blind"] else Panel.BlindMode.SINGLE
    return rules


@transaction.atomic
def demo_load(*, now: datetime.datetime | None = None) -> tuple[Panel, list[DemoLogin]]:
    """The demo through the services the organisers' and chairs' pages use."""
    now = now or timezone.now()
    data = demo_call()
    panel_data = dict(data["panel"])
    chairs_data, topics = panel_data.pop("chairs"), panel_data.pop("topics")

    logins, chairs, organisers, reviewers = [], [], [], []
    for chair in chairs_data:
        user = _demo_user(name=chair["name"], email=chair["email"], affiliation=chair["affiliation"])
        chairs.append((user, chair["affiliation"]))
        logins.append(DemoLogin("chair", user.display_name, user.email))
    for person in data["people"]:
        user = _demo_user(name=person["name"], email=person["email"], affiliation=person["affiliation"])
        {"organiser": organisers, "reviewer": reviewers}.get(person["role"], []).append(user)
        logins.append(DemoLogin(person["role"], user.display_name, user.email))

    conference = _demo_conference(data["conference"], organisers, now)
    organiser = organisers[0]
    panel = Panel.objects.filter(conference=conference, slug=panel_data["slug"]).first()
    created = panel is None
    if created:
        panel = panel_create(conference=conference, by=organiser, title=panel_data["title"], slug=panel_data["slug"],
                             chair_emails=[user.email for user, _affiliation in chairs])
    for position, (user, affiliation) in enumerate(chairs):
        if not PanelChair.objects.filter(panel=panel, user=user).exists():
            chair_name(panel=panel, email=user.email, by=organiser)
        # How each chair is shown on the call (the profile's affiliation unless given).
        PanelChair.objects.filter(panel=panel, user=user).update(affiliation=affiliation, position=position)

    chair = chairs[0][0]
    call_text_save(panel=panel, by=chair, **{name: panel_data[name] for name in TEXT_FIELDS if name in panel_data})
    _demo_topics(panel, chair, topics)
    rules_save(panel=panel, by=chair, values=_demo_rules(panel_data), confirmed_papers=papers_affected(panel))
    if created or not Panel.objects.filter(pk=panel.pk).open_for_submissions(now).exists():
        deadlines_save(panel=panel, by=chair, values={**dict.fromkeys(name for name, _label in DEADLINES),
                                                      **demo_deadlines(conference, now)})
    panel.refresh_from_db()
    if panel.state != Panel.State.OPEN:
        call_move(panel=panel, by=chair, to=Panel.State.OPEN)

    for user in reviewers:
        PanelReviewer.objects.get_or_create(panel=panel, user=user)
    return panel, logins
