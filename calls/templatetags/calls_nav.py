from django import template

from calls.permissions import organised_conference_ids
from portal.permissions import chaired_panel_ids

register = template.Library()


@register.simple_tag
def runs_calls(user) -> bool:
    """Whether the navigation offers "Conferences and calls": to chairs, organisers and staff."""
    return user.is_authenticated and bool(user.is_staff or chaired_panel_ids(user) or organised_conference_ids(user))
