"""Reads of the shared data that pages need, in a fixed number of queries."""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from portal.models import CallText, Panel, PanelChair, Topic
from portal.permissions import can_see_call


def _with_chairs(panels):
    return panels.select_related("conference").prefetch_related(
        Prefetch("panel_chairs", queryset=PanelChair.objects.select_related("user")),
    )


def open_calls(now=None):
    """Published calls taking submissions now, the nearest deadline first."""
    return _with_chairs(Panel.objects.published().open_for_submissions(now)).order_by("submission_deadline", "title")


def past_calls():
    """Calls that no longer take submissions (closed or archived, or open past their deadline), latest first."""
    return _with_chairs(Panel.objects.published().filter(
        Q(state__in=[Panel.State.CLOSED, Panel.State.ARCHIVED]) | Q(submission_deadline__lt=timezone.now()),
    )).order_by("-submission_deadline", "title")


def call_for(user, conference_slug: str, panel_slug: str) -> Panel:
    """A call by its readable address, with its chairs and offered topics: public
    once published, a draft only for its chairs and organisers; 404 otherwise."""
    panel = get_object_or_404(
        _with_chairs(Panel.objects.all()).prefetch_related(
            Prefetch("topics", queryset=Topic.objects.filter(retired=False), to_attr="offered_topics")),
        conference__slug=conference_slug, slug=panel_slug,
    )
    if not can_see_call(user, panel):
        raise Http404
    return panel


def visitor_language_code(language: str | None = None) -> str:
    """The paper-language code of the interface language (pt-br -> pt)."""
    return (language or get_language() or "en").split("-")[0]


def call_text_for(panel: Panel, language: str | None = None) -> CallText | None:
    """The call's version in the visitor's language, when its chairs wrote one."""
    code = visitor_language_code(language)
    if code == panel.call_language:
        return None
    return CallText.objects.filter(panel=panel, language=code).first()


def published_panel(conference_slug: str, panel_slug: str) -> Panel:
    """A published call by its readable address, with its chairs and topics; 404 otherwise."""
    return get_object_or_404(
        _with_chairs(Panel.objects.published()).prefetch_related("topics"),
        conference__slug=conference_slug, slug=panel_slug,
    )
