"""The mails whose wording a panel's chairs may change, and their placeholders.

A chair's wording is plain text with `{placeholder}` names (as in Python's
`str.format`), never a Django template: a chair cannot reach anything but the
values the code that queues the mail hands over. `{{` and `}}` stand for
literal braces. The text is put into the usual mail layout, escaped in HTML.
"""

import string
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class EditableMail:
    name: str
    label: Promise
    placeholders: dict[str, Promise]
    # The wording a chair starts from, in the chair's language.
    starting_subject: Promise
    starting_body: Promise
    # Values shown in the preview, beside the panel's own title and conference.
    sample: dict[str, Promise]


EDITABLE_MAILS: dict[str, EditableMail] = {
    mail.name: mail
    for mail in [
        EditableMail(
            name="reviewer_invitation",
            label=_("Invitation to review"),
            placeholders={
                "name": _("the invited reviewer's name"),
                "panel_title": _("the panel's title"),
                "conference_name": _("the conference's name"),
                "chair_names": _("the names of the panel's chairs"),
                "accept_url": _("the link that accepts the invitation"),
                "decline_url": _("the link that declines it"),
            },
            starting_subject=_("Invitation to review for {panel_title}"),
            starting_body=_(
                "Dear {name},\n\n"
                "We would be glad to have you review papers for the panel “{panel_title}” of {conference_name}.\n\n"
                "Accept: {accept_url}\n"
                "Decline: {decline_url}\n\n"
                "With our thanks,\n{chair_names}"
            ),
            sample={
                "name": _("Maria Example"),
                "chair_names": _("the panel's chairs"),
                "accept_url": "https://portal.example.org/invitations/accept/",
                "decline_url": "https://portal.example.org/invitations/decline/",
            },
        ),
        EditableMail(
            name="decision",
            label=_("Decision on a paper"),
            placeholders={
                "author_name": _("the author's name"),
                "title": _("the paper's title"),
                "decision": _("the decision (accepted, rejected ...)"),
                "note": _("the chairs' note on this paper"),
                "reviews": _("the reviewers' comments to the authors"),
                "panel_title": _("the panel's title"),
                "conference_name": _("the conference's name"),
                "submission_url": _("the link to the paper's page"),
            },
            starting_subject=_("Decision on your paper “{title}”"),
            starting_body=_(
                "Dear {author_name},\n\n"
                "The chairs of the panel “{panel_title}” of {conference_name} have decided on your paper "
                "“{title}”: {decision}.\n\n"
                "{note}\n\n"
                "The reviewers' comments:\n\n{reviews}\n\n"
                "Your paper's page: {submission_url}"
            ),
            sample={
                "author_name": _("Maria Example"),
                "title": _("An example paper on city networks"),
                "decision": _("accepted"),
                "note": _("Congratulations: the panel was very competitive this year."),
                "reviews": _("Reviewer 1: a clear and useful paper.\n\nReviewer 2: the method section could be shorter."),
                "submission_url": "https://portal.example.org/submissions/example/",
            },
        ),
    ]
}


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
