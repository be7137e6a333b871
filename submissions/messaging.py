"""A chair's message to every author of a panel: one mail per author of each
paper, worded with placeholders, previewed per recipient, sent as a batch.

Only the authors listed on the papers receive it, each in a mail of their
own: no author learns who else wrote to the panel, and no reviewer is among
the recipients (what keeps double-blind review blind).
"""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.mail.queue import Recipient, mail_preview, mail_queue_bulk
from portal.mail.wording import fill_placeholders
from portal.models import MailBatch, Panel
from portal.permissions import why_not_mail_panel
from portal.refusals import refuse_if
from portal.workflow import audit_record
from submissions.mails import AUTHOR_MESSAGE
from submissions.models import Author, Submission

TEMPLATE = AUTHOR_MESSAGE.name
# Drafts are not papers yet and withdrawn papers are out: their authors are
# written to only when a chair picks them.
STATES = [
    (Submission.State.SUBMITTED, _("submitted, not decided")),
    (Submission.State.ACCEPTED, _("accepted")),
    (Submission.State.REVISE, _("accepted with revisions")),
    (Submission.State.REJECTED, _("rejected")),
    (Submission.State.WITHDRAWN, _("withdrawn")),
    (Submission.State.DRAFT, _("drafts")),
]
DEFAULT_STATES = [Submission.State.SUBMITTED, Submission.State.ACCEPTED, Submission.State.REVISE,
                  Submission.State.REJECTED]


def author_message_recipients(*, panel: Panel, states, subject: str, body: str) -> list[Recipient]:
    """Each author of each paper of the panel in `states`, with their own copy's text."""
    authors = (
        Author.objects.filter(submission__panel=panel, submission__state__in=list(states))
        .select_related("submission__created_by")
        .order_by("submission__number", "position")
    )
    recipients = []
    for author in authors:
        paper = author.submission
        values = AUTHOR_MESSAGE.values(
            author_name=author.name, title=paper.title, number=paper.number,
            panel_title=panel.title, conference_name=panel.conference.name,
            submission_url=settings.SITE_URL + paper.get_absolute_url(),
        )
        recipients.append(Recipient(to=author.email, related=paper, language_without_account=author.language_for_mail,
                                    context={"subject": fill_placeholders(subject, values),
                                             "body": fill_placeholders(body, values)}))
    return recipients


def author_message_preview(*, panel: Panel, states, subject: str, body: str, limit: int):
    """How many authors would receive it, and the copies of the first `limit` of them."""
    recipients = author_message_recipients(panel=panel, states=states, subject=subject, body=body)
    return len(recipients), mail_preview(template=TEMPLATE, recipients=recipients[:limit], panel=panel)


def panel_authors_message(*, panel: Panel, by, subject: str, body: str, states) -> MailBatch | None:
    """Queue the message to every author as one batch; None when there is
    nobody to write to. Only the panel's chairs may (Refused otherwise)."""
    with transaction.atomic():
        refuse_if(why_not_mail_panel(by, panel))
        recipients = author_message_recipients(panel=panel, states=states, subject=subject, body=body)
        if not recipients:
            return None
        batch = mail_queue_bulk(template=TEMPLATE, recipients=recipients, panel=panel, by=by,
                                description=subject)
        audit_record(action="panel.authors_messaged", target=panel, by=by, panel=panel,
                     data={"batch": str(batch.code), "recipients": batch.size, "subject": subject,
                           "states": list(states)})
    return batch
