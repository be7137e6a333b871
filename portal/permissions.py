"""Access rules that span apps: who chairs a panel, who is staff.

Each app's own rules live in its permissions.py and build on these.
"""

from django.db.models import Value
from django.utils.translation import gettext as _

from portal.models import ConferenceOrganiser, Panel, PanelChair


def remembered(user, fact: str, read) -> frozenset:
    """A fact about the user that access rules ask for again and again within
    one request (the panels they chair, their verified addresses ...): `read()`
    once, then kept on the user object, which lives as long as the request."""
    if not user.is_authenticated:
        return frozenset()
    facts = user.__dict__.setdefault("_access_facts", {})
    if fact not in facts:
        facts[fact] = frozenset(read())
    return facts[fact]


def forget(user, fact: str) -> None:
    """After a change within the request that alters `fact`."""
    user.__dict__.get("_access_facts", {}).pop(fact, None)


CHAIR, ORGANISER = 1, 2


def _remember_roles(user) -> None:
    """The panels a user chairs and the conferences they organise, read in one
    query (the navigation asks for both on every page)."""
    facts = user.__dict__.setdefault("_access_facts", {})
    if "chaired_panels" in facts and "organised_conferences" in facts:
        return
    chairs = PanelChair.objects.filter(user=user).order_by().annotate(kind=Value(CHAIR)).values_list("kind", "panel_id")
    organises = ConferenceOrganiser.objects.filter(user=user).order_by().annotate(kind=Value(ORGANISER)).values_list(
        "kind", "conference_id")
    rows = list(chairs.union(organises, all=True))
    facts["chaired_panels"] = frozenset(pk for kind, pk in rows if kind == CHAIR)
    facts["organised_conferences"] = frozenset(pk for kind, pk in rows if kind == ORGANISER)


def chaired_panel_ids(user) -> frozenset[int]:
    """The panels a user chairs."""
    if not user.is_authenticated:
        return frozenset()
    _remember_roles(user)
    return user._access_facts["chaired_panels"]


def is_chair(user, panel: Panel) -> bool:
    return panel.pk in chaired_panel_ids(user)


def organised_conference_ids(user) -> frozenset[int]:
    """The conferences a user organises."""
    if not user.is_authenticated:
        return frozenset()
    _remember_roles(user)
    return user._access_facts["organised_conferences"]


def is_organiser(user, conference) -> bool:
    return conference.pk in organised_conference_ids(user)


def can_see_call(user, panel: Panel) -> bool:
    """A published call is public; a draft only for its chairs and its conference's organisers."""
    return panel.is_published or is_chair(user, panel) or is_organiser(user, panel.conference)


def can_manage_panel(user, panel: Panel) -> bool:
    """Chairs manage their own panels only; staff run the portal through the admin."""
    return is_chair(user, panel)


def can_use_admin(user) -> bool:
    return user.is_authenticated and user.is_staff


def why_not_mail_panel(user, panel: Panel) -> str | None:
    """Who may word a panel's mails and write to its authors: its chairs."""
    if not is_chair(user, panel):
        return _("Only the chairs of this panel may do this.")
    return None


def can_mail_panel(user, panel: Panel) -> bool:
    return why_not_mail_panel(user, panel) is None


def can_view_outbox(user) -> bool:
    """The whole outbox, every recipient and panel: staff only."""
    return user.is_authenticated and user.is_staff


def why_not_view_outbox(user) -> str | None:
    return None if can_view_outbox(user) else _("Only the portal's staff see the outbox.")


def why_not_follow_batch(user, batch) -> str | None:
    if can_view_outbox(user) or (batch.panel_id is not None and batch.panel_id in chaired_panel_ids(user)):
        return None
    return _("Only the chairs of the panel this mail was sent for may follow it.")


def can_follow_batch(user, batch) -> bool:
    """Following a batch (and sending its failed mails again) is for the panel's chairs and staff."""
    return why_not_follow_batch(user, batch) is None
