"""The mails of reviews whose wording a panel's chairs may change, with the
placeholders they offer (portal.mail.wording). The services that queue them
fill the placeholders through `values()`: the invitation in
reviews.services.pool, the decision in reviews.services.decisions."""

from django.utils.translation import gettext_lazy as _

from portal.mail.wording import EditableMail, register

REVIEWER_INVITATION = register(EditableMail(
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
        "accept_url": "https://portal.example.org/invitations/accept/",
        "decline_url": "https://portal.example.org/invitations/decline/",
    },
))

DECISION = register(EditableMail(
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
))
