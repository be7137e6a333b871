"""Creating a conference and its panels, and naming who runs them."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress

from calls import permissions
from portal.mail.queue import mail_queue
from portal.models import Conference, ConferenceOrganiser, Panel, PanelChair, RoleInvitation, User
from portal.permissions import forget
from portal.refusals import Refused, refuse_if
from portal.workflow import audit_record

CONFERENCE_FIELDS = ("name", "short_name", "slug", "time_zone", "languages", "contact_email", "venue", "website",
                     "starts_on", "ends_on")
FIRST_CALL_WEEKS = 8


def _account_for(email: str) -> User | None:
    """The account whose verified address this is, if any."""
    address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    return address.user if address else None


def conference_create(*, by: User | None, organiser_emails=(), **fields) -> Conference:
    """A new conference. `by` becomes its first organiser; `by=None` is the
    server's operator (`manage.py create_conference`), who names the organisers."""
    with transaction.atomic():
        if by is not None:
            refuse_if(permissions.why_not_create_conference(by))
        if Conference.objects.filter(slug=fields["slug"]).exists():
            raise Refused(_("The address “%(slug)s” is already used by another conference.") % {"slug": fields["slug"]})
        conference = Conference.objects.create(**{name: value for name, value in fields.items() if name in CONFERENCE_FIELDS})
        audit_record(action="conference.created", target=conference, by=by, data={"name": conference.name})
        if by is not None:
            _organiser_add(conference, by, by=by)
        for email in organiser_emails:
            organiser_invite(conference=conference, email=email, by=by, checked=True)
    return conference


def conference_update(*, conference: Conference, by: User, **fields) -> Conference:
    with transaction.atomic():
        locked = Conference.objects.select_for_update().get(pk=conference.pk)
        refuse_if(permissions.why_not_organise(by, locked))
        if "slug" in fields and Conference.objects.filter(slug=fields["slug"]).exclude(pk=locked.pk).exists():
            raise Refused(_("The address “%(slug)s” is already used by another conference.") % {"slug": fields["slug"]})
        changed = {name: [str(getattr(locked, name)), str(value)] for name, value in fields.items()
                   if name in CONFERENCE_FIELDS and getattr(locked, name) != value}
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        if changed:
            audit_record(action="conference.changed", target=locked, by=by, data={"changed": changed})
    return locked


def _organiser_add(conference, user, *, by):
    ConferenceOrganiser.objects.get_or_create(conference=conference, user=user)
    forget(user, "organised_conferences")
    audit_record(action="conference.organiser_added", target=conference, by=by, data={"email": user.email})


def _invite(*, conference, panel, role, email, by) -> RoleInvitation:
    invitation = RoleInvitation.objects.create(conference=conference, panel=panel, role=role, email=email, invited_by=by)
    mail_queue(
        to=email, template="role_invitation", related=invitation, panel=panel,
        context={"invitation": invitation, "conference": conference, "panel": panel,
                 "by_name": by.display_name if by is not None else settings.SITE_NAME,
                 "url": settings.SITE_URL + reverse("calls:invitation", kwargs={"code": invitation.code})},
        language=by.language if by is not None else None,
    )
    return invitation


def organiser_invite(*, conference: Conference, email: str, by: User | None, checked=False) -> RoleInvitation | None:
    """An account with this verified address becomes an organiser at once (and
    is told by mail); any other address gets an invitation to accept."""
    email = email.strip().lower()
    with transaction.atomic():
        if not checked:
            refuse_if(permissions.why_not_organise(by, conference))
        user = _account_for(email)
        if user is None:
            invitation = _invite(conference=conference, panel=None, role=RoleInvitation.Role.ORGANISER, email=email, by=by)
            audit_record(action="conference.organiser_invited", target=conference, by=by, data={"email": email})
            return invitation
        _organiser_add(conference, user, by=by)
        mail_queue(to=user, template="role_granted", related=conference,
                   context={"conference": conference, "panel": None, "by": by,
                            "url": settings.SITE_URL + reverse("calls:conference", kwargs={"conference": conference.slug})})
    return None


def default_deadlines(conference: Conference, now=None) -> dict:
    """A new call opens today and takes full papers for eight weeks, to the
    end of the day in the conference's time zone; its chairs set the rest."""
    today = timezone.localtime(now or timezone.now(), conference.zone).date()
    due = today + datetime.timedelta(weeks=FIRST_CALL_WEEKS)
    return {
        "opens_at": datetime.datetime.combine(today, datetime.time(0, 0), tzinfo=conference.zone),
        "submission_deadline": datetime.datetime.combine(due, datetime.time(23, 59), tzinfo=conference.zone),
    }


def panel_create(*, conference: Conference, by: User | None, title: str, slug: str, chair_emails=(),
                 call_language: str = "en") -> Panel:
    """A new call, a draft that only its chairs and the organisers see."""
    with transaction.atomic():
        if by is not None:
            refuse_if(permissions.why_not_organise(by, conference))
        if Panel.objects.filter(conference=conference, slug=slug).exists():
            raise Refused(_("The address “%(slug)s” is already used by another panel of this conference.") % {"slug": slug})
        try:
            with transaction.atomic():
                panel = Panel.objects.create(
                    conference=conference, title=title, slug=slug, description="", call_language=call_language,
                    state=Panel.State.DRAFT, languages=list(conference.languages), **default_deadlines(conference),
                )
        except IntegrityError:
            raise Refused(_("The address “%(slug)s” is already used by another panel of this conference.") % {"slug": slug}) from None
        audit_record(action="panel.created", target=panel, by=by, panel=panel, data={"title": title})
        for email in chair_emails:
            chair_name(panel=panel, email=email, by=by, checked=True)
    return panel


def chair_name(*, panel: Panel, email: str, by: User | None, checked=False) -> RoleInvitation | None:
    """Names a chair of the panel by address: an account with it becomes a
    chair at once (told by mail), any other address gets an invitation."""
    email = email.strip().lower()
    with transaction.atomic():
        if not checked:
            refuse_if(permissions.why_not_organise(by, panel.conference))
        user = _account_for(email)
        if user is None:
            invitation = _invite(conference=panel.conference, panel=panel, role=RoleInvitation.Role.CHAIR, email=email, by=by)
            audit_record(action="panel.chair_invited", target=panel, by=by, panel=panel, data={"email": email})
            return invitation
        _chair_add(panel, user, by=by)
        mail_queue(to=user, template="role_granted", related=panel, panel=panel,
                   context={"conference": panel.conference, "panel": panel, "by": by,
                            "url": settings.SITE_URL + reverse("calls:panel_home", kwargs=panel_kwargs(panel))})
    return None


def _chair_add(panel, user, *, by):
    position = PanelChair.objects.filter(panel=panel).count()
    PanelChair.objects.get_or_create(panel=panel, user=user, defaults={"position": position})
    forget(user, "chaired_panels")
    audit_record(action="panel.chair_added", target=panel, by=by, panel=panel, data={"email": user.email})


def invitation_accept(*, invitation: RoleInvitation, by: User) -> RoleInvitation:
    with transaction.atomic():
        locked = RoleInvitation.objects.select_for_update(of=("self",)).select_related("conference", "panel").get(pk=invitation.pk)
        refuse_if(permissions.why_not_accept_invitation(by, locked))
        if locked.role == RoleInvitation.Role.CHAIR:
            _chair_add(locked.panel, by, by=by)
        else:
            _organiser_add(locked.conference, by, by=by)
        locked.accepted_by, locked.accepted_at = by, timezone.now()
        locked.save(update_fields=["accepted_by", "accepted_at"])
    return locked


def panel_kwargs(panel: Panel) -> dict:
    return {"conference": panel.conference.slug, "panel": panel.slug}
