"""Who may run a conference and edit its calls, as can_x / why_not_x pairs.

Organisers run a conference: its settings, its panels, its organisers and
chairs, and they follow every panel. Chairs edit their own panel's call;
they cannot touch another panel.
"""

from django.utils.translation import gettext as _

from portal.models import Panel
from portal.permissions import is_chair, is_organiser, organised_conference_ids
from reviews.models import Decision
from submissions.permissions import verified_emails


def why_not_create_conference(user) -> str | None:
    """A new conference: by the portal's staff or someone who already organises one."""
    if user.is_authenticated and (user.is_staff or organised_conference_ids(user)):
        return None
    return _("Only the portal's staff and the organisers of a conference may create a conference.")


def can_create_conference(user) -> bool:
    return why_not_create_conference(user) is None


def why_not_organise(user, conference) -> str | None:
    if not is_organiser(user, conference):
        return _("Only the organisers of this conference may do this.")
    return None


def can_organise(user, conference) -> bool:
    return why_not_organise(user, conference) is None


def why_not_follow_panel(user, panel: Panel) -> str | None:
    """The panel's home, its draft's preview and its audit log: its chairs and the conference's organisers."""
    if is_chair(user, panel) or is_organiser(user, panel.conference):
        return None
    return _("Only the chairs of this panel and the organisers of its conference may see this.")


def can_follow_panel(user, panel: Panel) -> bool:
    return why_not_follow_panel(user, panel) is None


def why_not_edit_call(user, panel: Panel) -> str | None:
    """The call's text, topics, deadlines, rules and state: its chairs only."""
    if not is_chair(user, panel):
        return _("Only the chairs of this panel may change its call.")
    if panel.state == Panel.State.ARCHIVED:
        return _("This call is archived: it can no longer change.")
    return None


def can_edit_call(user, panel: Panel) -> bool:
    return why_not_edit_call(user, panel) is None


def why_not_accept_invitation(user, invitation) -> str | None:
    if invitation.accepted_at is not None:
        return _("This invitation was already accepted.")
    if invitation.email.lower() not in verified_emails(user):
        return _("This invitation was sent to %(email)s: sign in with that address (or add it to your account and confirm it) to accept it.") % {
            "email": invitation.email,
        }
    return None


def can_accept_invitation(user, invitation) -> bool:
    return why_not_accept_invitation(user, invitation) is None


def why_not_publish_accepted(user, panel: Panel) -> str | None:
    """The page of accepted papers: by the chairs, once decisions are released."""
    if why := why_not_edit_call(user, panel):
        return why
    if not Decision.objects.filter(submission__panel=panel, released_at__isnull=False).exists():
        return _("The accepted papers can be published once the decisions are released.")
    return None


def can_publish_accepted(user, panel: Panel) -> bool:
    return why_not_publish_accepted(user, panel) is None
