"""The mail of submissions whose text chairs write: their message to the
authors of a panel (submissions.messaging fills its placeholders through
`values()`; portal.mail.wording)."""

from django.utils.translation import gettext_lazy as _

from portal.mail.wording import MailPlaceholders

AUTHOR_MESSAGE = MailPlaceholders(
    name="panel_message",
    placeholders={
        "author_name": _("the author's name"),
        "title": _("the paper's title"),
        "number": _("the paper's number in the panel"),
        "panel_title": _("the panel's title"),
        "conference_name": _("the conference's name"),
        "submission_url": _("the link to the paper's page"),
    },
)
