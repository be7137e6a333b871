"""How the calls app's pages find their objects for the user asking (404 for
whoever may not know the object exists, 403 for whoever may know but not do),
and the reads that carry a rule."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from calls import permissions
from portal.models import AuditEvent, Conference, Panel, PanelChair, RoleInvitation
from portal.permissions import chaired_panel_ids


def conference_for(user, slug: str) -> Conference:
    """A conference the user organises; 404 for anybody else."""
    conference = get_object_or_404(Conference, slug=slug)
    if not permissions.can_organise(user, conference):
        raise Http404
    return conference


def panel_for(user, conference: str, panel: str, *, edit: bool = False) -> Panel:
    """A panel its chairs and organisers may follow (and, with `edit`, its chairs
    change). Whoever may not see a draft gets 404; a published call exists for
    everyone, so they get 403."""
    found = get_object_or_404(
        Panel.objects.select_related("conference").prefetch_related(
            Prefetch("panel_chairs", queryset=PanelChair.objects.select_related("user"))),
        conference__slug=conference, slug=panel,
    )
    why = permissions.why_not_follow_panel(user, found)
    if why:
        if found.state == Panel.State.DRAFT:
            raise Http404
        raise PermissionDenied(why)
    if edit and (why := permissions.why_not_edit_call(user, found)):
        raise PermissionDenied(why)
    return found


def invitation_for(code: str) -> RoleInvitation:
    return get_object_or_404(RoleInvitation.objects.select_related("conference", "panel", "invited_by"), code=code)


def organised_conferences(user):
    return Conference.objects.filter(pk__in=permissions.organised_conference_ids(user)).annotate(
        panel_count=Count("panels")).order_by("name")


def followed_panels(user):
    """Panels the user chairs, then those of the conferences they organise."""
    return Panel.objects.filter(
        Q(pk__in=chaired_panel_ids(user)) | Q(conference_id__in=permissions.organised_conference_ids(user))
    ).select_related("conference").order_by("conference__name", "title")


def conference_panels(conference):
    return conference.panels.prefetch_related(
        Prefetch("panel_chairs", queryset=PanelChair.objects.select_related("user")),
    ).order_by("title")


def pending_invitations(conference):
    return RoleInvitation.objects.filter(conference=conference, accepted_at__isnull=True).select_related("panel")


AUDIT_PAGE_SIZE = 100


def audit_kinds(events) -> list[str]:
    return sorted(set(events.values_list("action", flat=True).order_by()))


def panel_audit(panel, kind: str = ""):
    events = AuditEvent.objects.filter(panel=panel)
    kinds = audit_kinds(events)
    if kind:
        events = events.filter(action=kind)
    return kinds, events.select_related("actor")[:AUDIT_PAGE_SIZE]


def conference_audit(conference, kind: str = ""):
    """Every record of the conference's panels and of the conference itself."""
    conference_type = ContentType.objects.get_for_model(Conference)
    events = AuditEvent.objects.filter(
        Q(panel__conference=conference) | Q(target_type=conference_type, target_id=conference.pk)
    )
    kinds = audit_kinds(events)
    if kind:
        events = events.filter(action=kind)
    return kinds, events.select_related("actor", "panel")[:AUDIT_PAGE_SIZE]
