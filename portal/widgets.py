"""Form widgets shared by the apps."""

from django import forms
from django.utils.translation import gettext


class LongSelect(forms.Select):
    """A select for long lists (about 250 countries, about 600 time zones):
    the options are written by one loop in one template, where Django's own
    select renders two templates per option, which made an author form with
    its country lists cost tens of milliseconds to render."""

    template_name = "portal/widgets/long_select.html"

    def get_context(self, name, value, attrs):
        """static/portal/filter-select.js puts a search box above it, with this text."""
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("data-filter-text", gettext("Type to filter the list"))
        return context
