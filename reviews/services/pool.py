"""The reviewer pool: invitations by email, answering them, and what a
reviewer states about their expertise."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from portal.mail.queue import mail_queue
from portal.models import User
from portal.refusals import Refused, refuse_if
from portal.workflow import audit_record, transition
from reviews import permissions
from reviews.mails import REVIEWER_INVITATION
from reviews.models import Assignment, PanelReviewer, ReviewerInvitation
from reviews.services.conflicts import conflicts_refresh

INVITATION_SALT = "reviews.invitation"
INVITATION_VALID_FOR = datetime.timedelta(days=30)

State = ReviewerInvitation.State
INVITATION_TRANSITIONS = {
    State.SENT: {State.SENT, State.ACCEPTED, State.DECLINED},
    State.DECLINED: {State.SENT},
}


class InvitationLinkError(Exception):
    """The link is not one we signed, or it is too old."""

    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


def invitation_token(invitation: ReviewerInvitation) -> str:
    """What the link carries: the invitation's code, signed and timestamped."""
    return signing.dumps(str(invitation.code), salt=INVITATION_SALT)


def invitation_from_token(token: str) -> ReviewerInvitation:
    try:
        code = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_VALID_FOR)
    except signing.SignatureExpired as error:
        raise InvitationLinkError(
            _("This invitation link has expired. Ask the panel's chairs to send it again."), expired=True,
        ) from error
    except signing.BadSignature as error:
        raise InvitationLinkError(_("This invitation link is not valid.")) from error
    invitation = (
        ReviewerInvitation.objects.select_related("panel__conference").filter(code=code).first()
    )
    if invitation is None:
        raise InvitationLinkError(_("This invitation link is not valid."))
    return invitation


def invitation_links(invitation: ReviewerInvitation) -> tuple[str, str]:
    token = invitation_token(invitation)
    accept = settings.SITE_URL + reverse("reviews:invitation", kwargs={"token": token})
    decline = settings.SITE_URL + reverse("reviews:invitation_decline", kwargs={"token": token})
    return accept, decline


def chair_names(panel) -> str:
    names = [chair.user.display_name for chair in panel.panel_chairs.select_related("user")]
    return str(get_text_list(names, _("and")))


def _send_invitation_mail(invitation: ReviewerInvitation, *, chairs: str) -> None:
    accept_url, decline_url = invitation_links(invitation)
    panel = invitation.panel
    invitation.last_mail = mail_queue(
        to=invitation.email,
        template="reviewer_invitation",
        panel=panel,
        related=invitation,
        context={
            "invitation": invitation,
            "valid_until": invitation.sent_at + INVITATION_VALID_FOR,
            "placeholders": REVIEWER_INVITATION.values(
                name=invitation.name or invitation.email,
                panel_title=panel.title,
                conference_name=panel.conference.name,
                chair_names=chairs,
                accept_url=accept_url,
                decline_url=decline_url,
            ),
        },
    )
    invitation.save(update_fields=["last_mail"])


@dataclass(frozen=True)
class Invitee:
    name: str
    email: str
    line: int = 0


@dataclass
class InvitationReport:
    sent: list[ReviewerInvitation] = field(default_factory=list)
    # (invitee, why it was left out)
    skipped: list[tuple[Invitee, str]] = field(default_factory=list)


def invitations_send(*, panel, invitees: list[Invitee], by) -> InvitationReport:
    """Invite many people at once; each gets one mail with their own link.
    People already in the pool or already invited are left out, and said so."""
    report = InvitationReport()
    emails = [invitee.email.lower() for invitee in invitees]
    with transaction.atomic():
        refuse_if(permissions.why_not_manage_reviewers(by, panel))
        in_pool = set(
            PanelReviewer.objects.filter(panel=panel, user__email__in=emails).values_list("user__email", flat=True)
        )
        invited = {
            invitation.email: invitation
            for invitation in ReviewerInvitation.objects.filter(panel=panel, email__in=emails)
        }
        chairs = chair_names(panel)
        for invitee in invitees:
            email = invitee.email.lower()
            if email in in_pool:
                report.skipped.append((invitee, _("already a reviewer of this panel")))
                continue
            if email in invited:
                report.skipped.append((invitee, _("already invited (%(state)s); re-send it from the list")
                                       % {"state": invited[email].status_label}))
                continue
            invitation = ReviewerInvitation.objects.create(panel=panel, name=invitee.name, email=email, invited_by=by)
            invitation.panel = panel
            _send_invitation_mail(invitation, chairs=chairs)
            audit_record(action="invitation.sent", target=invitation, by=by, panel=panel, to_state=State.SENT)
            report.sent.append(invitation)
    return report


def invitation_resend(*, invitation: ReviewerInvitation, by) -> ReviewerInvitation:
    """Send the mail again with a fresh link; a declined invitation is open again."""
    with transaction.atomic():
        refuse_if(permissions.why_not_resend_invitation(by, invitation))
        transition(invitation, to=State.SENT, by=by, allowed=INVITATION_TRANSITIONS, panel=invitation.panel,
                   sent_at=timezone.now(), times_sent=invitation.times_sent + 1, responded_at=None)
        _send_invitation_mail(invitation, chairs=chair_names(invitation.panel))
    return invitation


def invitation_accept(*, invitation: ReviewerInvitation, by: User) -> PanelReviewer:
    """The holder of the link joins the pool with their account; their
    conflicts with the panel's papers are looked up at once."""
    with transaction.atomic():
        invitation = _locked(invitation)
        refuse_if(permissions.why_not_answer_invitation(invitation))
        transition(invitation, to=State.ACCEPTED, by=by, allowed=INVITATION_TRANSITIONS, panel=invitation.panel,
                   responded_at=timezone.now(), user=by)
        reviewer, _created = PanelReviewer.objects.get_or_create(panel=invitation.panel, user=by)
        conflicts_refresh(panel=invitation.panel, reviewer_ids=[by.pk], by=by)
    permissions.forget_reviewer_panels(by)
    return reviewer


def invitation_decline(*, invitation: ReviewerInvitation, by: User | None = None) -> None:
    """Whoever holds the link declines, signed in (`by`) or not."""
    with transaction.atomic():
        invitation = _locked(invitation)
        refuse_if(permissions.why_not_answer_invitation(invitation))
        transition(invitation, to=State.DECLINED, by=by, allowed=INVITATION_TRANSITIONS, panel=invitation.panel,
                   responded_at=timezone.now(), user=by if by is not None and by.is_authenticated else None)


def _locked(invitation: ReviewerInvitation) -> ReviewerInvitation:
    return ReviewerInvitation.objects.select_for_update(of=("self",)).select_related("panel__conference").get(
        pk=invitation.pk)


def reviewer_expertise_update(*, reviewer: PanelReviewer, by, topics, keywords: list[str], expertise: str,
                              max_load: int) -> PanelReviewer:
    """What a reviewer can review, in their own words, and how much: their own only."""
    with transaction.atomic():
        refuse_if(permissions.why_not_state_expertise(by, reviewer.panel))
        if reviewer.user_id != by.pk:
            raise Refused(_("Reviewers state their own expertise only."))
        reviewer.keywords = keywords
        reviewer.expertise = expertise
        reviewer.max_load = max_load
        reviewer.min_load = min(reviewer.min_load, max_load)
        reviewer.save(update_fields=["keywords", "expertise", "max_load", "min_load"])
        reviewer.topics.set(topics)
    return reviewer


def reviewer_remove(*, reviewer: PanelReviewer, by) -> None:
    """A chair takes someone out of the pool; only someone with no assigned paper."""
    assigned = Assignment.objects.filter(submission__panel=reviewer.panel, reviewer=reviewer.user).count()
    with transaction.atomic():
        refuse_if(permissions.why_not_remove_reviewer(by, reviewer, assigned_papers=assigned))
        audit_record(action="reviewer.removed", target=reviewer.panel, by=by, panel=reviewer.panel,
                     data={"reviewer": reviewer.user_id})
        reviewer.delete()
