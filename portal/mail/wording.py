"""The words chairs write into mails: `{placeholders}`, how a mail declares
the ones it offers, and the mails whose wording a panel's chairs may change.

A chair's wording is plain text with `{placeholder}` names (as in Python's
`str.format`), never a Django template: a chair cannot reach anything but the
values the code that queues the mail hands over. `{{` and `}}` stand for
literal braces. The text is put into the usual mail layout, escaped in HTML.
"""

import string
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class PlaceholdersMismatch(TypeError):
    """The code that fills a mail's placeholders and the mail's declaration
    disagree: a bug to fix, never a chair's mistake."""


@dataclass(frozen=True, kw_only=True)
class MailPlaceholders:
    """The `{names}` a chair's text of one mail may use, each with what it
    stands for (shown beside the text box).

    The app that fills the values declares it in its own `mails.py`, beside
    the code that queues the mail, and fills it only through `values()`: a
    name left out or not declared fails at once, so the names chairs are
    offered and the values the code gives cannot drift apart.
    """

    name: str  # the mail's template, templates/mail/<name>.*
    placeholders: dict[str, Promise]

    def values(self, **values) -> dict:
        """The placeholders' values for one copy of the mail, exactly the declared names."""
        missing = sorted(self.placeholders.keys() - values.keys())
        undeclared = sorted(values.keys() - self.placeholders.keys())
        if missing or undeclared:
            raise PlaceholdersMismatch(
                f"The {self.name!r} mail declares the placeholders {sorted(self.placeholders)}; "
                f"missing: {missing}, not declared: {undeclared}."
            )
        return values

    def help(self) -> list[tuple[str, str]]:
        return placeholder_help(self.placeholders)


@dataclass(frozen=True, kw_only=True)
class EditableMail(MailPlaceholders):
    """A mail whose standard wording a panel's chairs may replace with their
    own (MailTemplateOverride). `register()` lists it on the wording page."""

    label: Promise
    # The wording a chair starts from, in the chair's language.
    starting_subject: Promise
    starting_body: Promise
    # Values shown in the preview for what the panel itself cannot give.
    sample: dict[str, Promise]

    def preview_values(self, *, panel, chair_names: str) -> dict:
        """The preview's values: the panel's own title, conference and chairs
        where the mail has them, the sample for the rest."""
        known = {"panel_title": panel.title, "conference_name": panel.conference.name, "chair_names": chair_names}
        return self.values(**{**self.sample, **{name: value for name, value in known.items()
                                                if name in self.placeholders}})


# The mails chairs may reword, by name, in the order they were registered.
EDITABLE_MAILS: dict[str, EditableMail] = {}


def register(mail: EditableMail) -> EditableMail:
    """Called by the app that queues `mail`, in its `mails.py` (imported by
    MailConfig.ready); two declarations of one mail are a mistake."""
    registered = EDITABLE_MAILS.setdefault(mail.name, mail)
    if registered is not mail:
        raise ImproperlyConfigured(f"The {mail.name!r} mail is declared twice.")
    return mail


class PlaceholderError(ValueError):
    pass


def placeholders_in(text: str) -> list[str]:
    """The `{names}` used in `text`; PlaceholderError if a brace is unbalanced
    or a placeholder does more than name a value."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise PlaceholderError(
            _("A brace is not closed. Write {{ and }} for a brace that is not a placeholder.")
        ) from error
    names = []
    for _literal, field, format_spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or format_spec or conversion:
            raise PlaceholderError(
                _("“{%(field)s}” is not a placeholder: a placeholder is only a name in braces, like {name}.")
                % {"field": field + (f"!{conversion}" if conversion else "") + (f":{format_spec}" if format_spec else "")}
            )
        names.append(field)
    return names


def unknown_placeholders(text: str, allowed) -> list[str]:
    return sorted({name for name in placeholders_in(text) if name not in allowed})


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """`text` with each `{name}` replaced by its value; a name without a value
    (or text that does not parse) is left as typed, never an error."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return text
    pieces = []
    for literal, field, format_spec, conversion in parsed:
        pieces.append(literal)
        if field is None:
            continue
        if field in values and not format_spec and not conversion:
            pieces.append(str(values[field]))
        else:
            pieces.append("{" + field + (f"!{conversion}" if conversion else "") + (f":{format_spec}" if format_spec else "") + "}")
    return "".join(pieces)


def placeholder_help(placeholders: dict) -> list[tuple[str, str]]:
    """("{name}", what it stands for) pairs, for the page where a text is written."""
    return [("{" + name + "}", description) for name, description in placeholders.items()]
