"""Decisions: chairs set them (one by one or in bulk), preview what each
author will receive, then release them in one explicit step."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from portal.mail.queue import Recipient, mail_preview, mail_queue_bulk
from portal.models import MailBatch, OutboundMail, User
from portal.refusals import Refused, refuse_if
from portal.workflow import audit_record, transition
from reviews import permissions
from reviews.mails import DECISION
from reviews.models import Decision
from reviews.models.decisions import DECISION_TRANSITIONS
from reviews.selectors.reviewing import comments_to_authors_by_paper
from submissions.models import Author, Submission

# The language of a mail to an author without an account: their paper's, when the portal speaks it.


def decision_set(*, submission: Submission, outcome: str | None, note: str = "", by) -> Decision | None:
    """Record the chairs' decision on a paper, or clear it (`outcome` None); nothing is sent."""
    with transaction.atomic():
        # The paper's row lock keeps its state, which the rule reads, until the decision is stored.
        submission = Submission.objects.select_for_update(of=("self",)).select_related(
            "panel__conference", "created_by").get(pk=submission.pk)
        refuse_if(permissions.why_not_decide(by, submission))
        existing = Decision.objects.select_for_update().filter(submission=submission).first()
        if existing is not None and existing.is_released:
            raise Refused(_("This decision was released to the authors; it can no longer change."))
        if outcome is None:
            if existing is not None:
                existing.delete()
                audit_record(action="decision.cleared", target=submission, by=by, panel=submission.panel)
            return None
        decision, _created = Decision.objects.update_or_create(
            submission=submission,
            defaults={"outcome": outcome, "note": note.strip(), "decided_by": by, "decided_at": timezone.now()},
        )
        audit_record(action="decision.set", target=submission, by=by, panel=submission.panel,
                     data={"outcome": outcome})
    return decision


def decisions_set_bulk(*, panel, submissions: list[Submission], outcome: str | None, by) -> tuple[int, int]:
    """The same decision on many papers; those that cannot take it are
    skipped. Returns (decided, skipped). The notes already written stay."""
    decided = skipped = 0
    with transaction.atomic():
        notes = dict(Decision.objects.filter(submission__in=submissions).values_list("submission_id", "note"))
        for submission in submissions:
            if submission.panel_id != panel.pk:
                skipped += 1
                continue
            try:
                decision_set(submission=submission, outcome=outcome, note=notes.get(submission.pk, ""), by=by)
            except Refused:
                skipped += 1
            else:
                decided += 1
    return decided, skipped


def _reviews_as_text(comments: list[str]) -> str:
    if not comments:
        return _("No review was submitted for this paper.")
    return "\n\n".join(
        _("Review %(number)s:") % {"number": number} + "\n" + (text or _("(no comments to the authors)"))
        for number, text in enumerate(comments, start=1)
    )


# Rendered when the mail is, so in the recipient's language.
reviews_as_text = lazy(_reviews_as_text, str)


def decisions_to_release(panel) -> list[Decision]:
    return list(
        Decision.objects.filter(
            submission__panel=panel, released_at__isnull=True, submission__state=Submission.State.SUBMITTED,
        ).select_related("submission__panel__conference", "submission__created_by").order_by("submission__number")
    )


def decision_recipients(*, panel, decisions: list[Decision]) -> list[Recipient]:
    """Every author of every paper in `decisions`, with what their copy says,
    built in a fixed number of queries."""
    submission_ids = [decision.submission_id for decision in decisions]
    authors = list(Author.objects.filter(submission_id__in=submission_ids).order_by("submission_id", "position"))
    users = {user.email: user for user in User.objects.filter(email__in={author.email for author in authors})}
    comments = comments_to_authors_by_paper(submission_ids)
    by_submission = {decision.submission_id: decision for decision in decisions}
    recipients = []
    for author in authors:
        decision = by_submission[author.submission_id]
        submission = decision.submission
        user = users.get(author.email)
        texts = comments.get(submission.pk, [])
        url = settings.SITE_URL + reverse("reviews:author_decision", kwargs={"code": submission.code})
        context = {
            "submission": submission,
            "decision": decision,
            "author_name": author.name,
            "review_comments": texts,
            "submission_url": url,
            "conference_name": panel.conference.name,
            # The names a chair's own wording of this mail may use (reviews.mails).
            "placeholders": DECISION.values(
                author_name=author.name,
                title=submission.title,
                decision=Decision.Outcome(decision.outcome).label,
                note=decision.note,
                reviews=reviews_as_text(texts),
                panel_title=panel.title,
                conference_name=panel.conference.name,
                submission_url=url,
            ),
        }
        author.submission = submission  # loaded with its decision: no query per author
        recipients.append(Recipient(to=user or author.email, context=context, related=submission,
                                    language_without_account=author.language_for_mail))
    return recipients


@dataclass
class PreviewedMail:
    submission: Submission
    mail: OutboundMail  # unsaved: exactly the row mail_queue would store


def decisions_preview(*, panel, decisions: list[Decision] | None = None) -> list[PreviewedMail]:
    """Exactly what each author would receive if the decisions (all those
    waiting for release, or `decisions`) were released now: composed by the
    mail module as the release queues them, with the panel's own wording if it has one."""
    decisions = decisions_to_release(panel) if decisions is None else decisions
    recipients = decision_recipients(panel=panel, decisions=decisions)
    mails = mail_preview(template="decision", recipients=recipients, panel=panel)
    return [PreviewedMail(recipient.related, mail) for recipient, mail in zip(recipients, mails, strict=True)]


@dataclass
class Release:
    papers: int
    batch: MailBatch | None  # the authors' mails, which the chair can follow


def decisions_release(*, panel, by, now=None) -> Release:
    """Move every decided paper of the panel to its decision state and queue one
    mail per author as a batch, all in one transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        refuse_if(permissions.why_not_chair_reviewing(by, panel))
        decisions = list(
            Decision.objects.select_for_update(of=("self",)).filter(
                submission__panel=panel, released_at__isnull=True, submission__state=Submission.State.SUBMITTED,
            ).select_related("submission__panel__conference", "submission__created_by").order_by("submission__number")
        )
        if not decisions:
            return Release(papers=0, batch=None)
        for decision in decisions:
            transition(decision.submission, to=decision.submission_state, by=by, allowed=DECISION_TRANSITIONS,
                       panel=panel, data={"decision": decision.outcome})
        Decision.objects.filter(pk__in=[d.pk for d in decisions]).update(released_at=now, released_by=by)
        for decision in decisions:
            decision.released_at, decision.released_by = now, by
        batch = mail_queue_bulk(
            template="decision", recipients=decision_recipients(panel=panel, decisions=decisions), panel=panel, by=by,
            description=_("Decisions on %(count)s papers") % {"count": len(decisions)},
        )
        audit_record(action="decisions.released", target=panel, by=by, panel=panel, data={"papers": len(decisions)})
    return Release(papers=len(decisions), batch=batch)
