"""Template filters that ask submissions.permissions, for templates of other
apps (the call page) that show what the author's side allows, and that name
what the PDF checks found."""

from django import template
from django.utils.translation import gettext_lazy as _

from submissions import pdf, permissions

register = template.Library()

ACTIVE_CONTENT_KINDS = {
    "javascript": _("JavaScript (programs the PDF reader would run)"),
    "launch": _("actions that open another program or file"),
    "uri": _("links or actions that open web addresses"),
    "submit_form": _("a form that sends data somewhere"),
    "embedded_file": _("attached files"),
    "media": _("embedded sound, video or 3D media"),
}


@register.filter
def call_closed_reason(panel) -> str:
    """Why the call takes no new submission now; empty when it does."""
    return permissions.why_call_closed(panel) or ""


@register.filter
def pdf_property(key: str) -> str:
    """A PDF property the double-blind check found a name in, in the reader's language."""
    return pdf.property_label(key)


@register.filter
def active_content_kind(kind: str) -> str:
    """A kind of active content the PDF check found, as the reader's language says it."""
    return str(ACTIVE_CONTENT_KINDS.get(kind, kind))
