"""The organisers' and chairs' pages of the calls app, and its public feeds."""

import datetime

from django.utils import timezone

from calls.models import CalendarFeed
from portal.models import RoleInvitation
from tests.access.matrix import EVERYONE, PANEL_CHAIR, SIGNED_IN, Row

ORGANISER = frozenset({"organiser"})
# Nobody but its organisers learns that a conference's back office exists.
NOBODY = frozenset()
FOLLOWERS = PANEL_CHAIR | ORGANISER


def conference(cast):
    return {"conference": cast.panel.conference.slug}


def panel(cast):
    return {"conference": cast.panel.conference.slug, "panel": cast.panel.slug}


def call(cast):
    return {"conference_slug": cast.panel.conference.slug, "panel_slug": cast.panel.slug}


def published_accepted(cast):
    cast.panel.accepted_published_at = timezone.now()
    cast.panel.save(update_fields=["accepted_published_at"])
    return call(cast)


def an_invitation_to_the_author(cast):
    invitation = RoleInvitation.objects.create(conference=cast.panel.conference, panel=cast.panel,
                                               role=RoleInvitation.Role.CHAIR, email=cast.author.email)
    return {"code": invitation.code}


def the_authors_feed(cast):
    return {"token": CalendarFeed.objects.create(user=cast.author).token}


def conference_data(cast):
    return {"name": "Latin American Security Studies 2027", "short_name": "LASS 2027", "slug": "lass-2027",
            "time_zone": "America/Sao_Paulo", "languages": ["en", "pt"], "contact_email": "lass@example.org"}


def deadlines_data(cast):
    zone = cast.panel.conference.zone
    opens = timezone.localtime(cast.panel.opens_at, zone)
    return {"opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
            "submission_deadline": (opens + datetime.timedelta(days=60)).strftime("%Y-%m-%dT%H:%M")}


def rules_data(cast):
    return {"pdf_max_mb": 10, "page_limit": 40, "blind_mode": "double", "coauthors_may_edit": "on",
            "abstract_min_words": 50, "abstract_max_words": 300, "keywords_min": 3, "keywords_max": 8,
            "languages": ["en"], "reviews_per_paper": 3, "max_load": 12}


ROWS = [
    Row("calls:organise", allowed=SIGNED_IN),
    Row("calls:conference_create", allowed=ORGANISER | {"staff"}),
    Row("calls:conference_create", allowed=ORGANISER | {"staff"}, method="post", data=conference_data),
    Row("calls:conference", allowed=ORGANISER, kwargs=conference, knows=NOBODY),
    Row("calls:conference_edit", allowed=ORGANISER, kwargs=conference, knows=NOBODY),
    Row("calls:conference_edit", allowed=ORGANISER, kwargs=conference, knows=NOBODY, method="post", data=conference_data),
    Row("calls:panel_create", allowed=ORGANISER, kwargs=conference, knows=NOBODY),
    Row("calls:panel_create", allowed=ORGANISER, kwargs=conference, knows=NOBODY, method="post",
        data=lambda cast: {"title": "Borders", "slug": "borders", "call_language": "en", "chairs": "new@example.org"}),
    Row("calls:organiser_add", allowed=ORGANISER, kwargs=conference, knows=NOBODY, method="post",
        data=lambda cast: {"email": "another.organiser@example.org"}),
    Row("calls:conference_audit", allowed=ORGANISER, kwargs=conference, knows=NOBODY),
    Row("calls:invitation", allowed=SIGNED_IN, kwargs=an_invitation_to_the_author,
        note="the code is the key; only its addressee may accept"),
    Row("calls:invitation", allowed=frozenset({"author"}), kwargs=an_invitation_to_the_author, method="post"),
    Row("calls:panel_home", allowed=FOLLOWERS, kwargs=panel),
    Row("calls:chair_add", allowed=ORGANISER, kwargs=panel, method="post",
        data=lambda cast: {"email": "second.chair@example.org"}),
    Row("calls:call_edit", allowed=PANEL_CHAIR, kwargs=panel),
    Row("calls:call_edit", allowed=PANEL_CHAIR, kwargs=panel, method="post",
        data=lambda cast: {"title": "Borders", "call_language": "en", "description": "A call.", "references": ""}),
    Row("calls:translation_edit", allowed=PANEL_CHAIR, kwargs=panel),
    Row("calls:translation_edit", allowed=PANEL_CHAIR, kwargs=panel, method="post",
        data=lambda cast: {"language": "pt", "title": "Fronteiras", "description": "Uma chamada."}),
    Row("calls:topics", allowed=PANEL_CHAIR, kwargs=panel),
    Row("calls:topics", allowed=PANEL_CHAIR, kwargs=panel, method="post", data=lambda cast: {"text": "A question?"}),
    Row("calls:topic_change", allowed=PANEL_CHAIR, kwargs=lambda cast: {**panel(cast), "number": 1}, method="post",
        data=lambda cast: {"action": "retire"}),
    Row("calls:deadlines", allowed=PANEL_CHAIR, kwargs=panel),
    Row("calls:deadlines", allowed=PANEL_CHAIR, kwargs=panel, method="post", data=deadlines_data),
    Row("calls:rules", allowed=PANEL_CHAIR, kwargs=panel),
    Row("calls:rules", allowed=PANEL_CHAIR, kwargs=panel, method="post", data=rules_data),
    Row("calls:state", allowed=PANEL_CHAIR, kwargs=panel, method="post", data=lambda cast: {"to": "closed"}),
    Row("calls:accepted_publish", allowed=PANEL_CHAIR, kwargs=panel, method="post",
        data=lambda cast: {"publish": "1"}),
    Row("calls:panel_audit", allowed=FOLLOWERS, kwargs=panel),
    Row("calls:feed_settings", allowed=SIGNED_IN),
    Row("calls:feed_settings", allowed=SIGNED_IN, method="post", data=lambda cast: {"action": "renew"}),
    Row("calls:feed", allowed=EVERYONE, kwargs=the_authors_feed, note="the token is the key"),
    Row("calls:call_ics", allowed=EVERYONE, kwargs=call),
    Row("calls:accepted_papers", allowed=EVERYONE, kwargs=published_accepted),
    Row("past_calls", allowed=EVERYONE),
]
