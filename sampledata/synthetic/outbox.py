"""What the generated history left in the outbox and the audit trail.

Every mail is composed by portal.mail.compose (the real templates, in each
recipient's language and time zone) and stored as the delivery path leaves
it: sent (one attempt, claimed, a sent time) or, for the most recent ones,
still queued. Nothing is handed to Celery.
"""

import datetime
import random

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from portal.mail.queue import compose
from portal.models import AuditEvent, OutboundMail, User
from reviews.models import Review, ReviewerInvitation
from reviews.services.pool import INVITATION_VALID_FOR, chair_names, invitation_links
from sampledata.synthetic.papers import BATCH, DAY, GeneratedPanel, code
from sampledata.synthetic.people import paper_email
from sampledata.synthetic.pool import PanelPool
from submissions.models import PaperFile, Submission

QUEUED_SHARE = 0.03  # of the mails, still waiting for the worker
SECOND = datetime.timedelta(seconds=1)


def _delivered(mail: OutboundMail, *, at, rng: random.Random, now) -> OutboundMail:
    mail.code = code(rng)
    mail.created_at = mail.next_attempt_at = at
    if at > now - DAY and rng.random() < QUEUED_SHARE * 10 or rng.random() < QUEUED_SHARE:
        return mail  # queued: no attempt yet
    mail.state, mail.attempts = OutboundMail.State.SENT, 1
    mail.claimed_at = at + rng.uniform(0.2, 3) * SECOND
    mail.sent_at = mail.claimed_at + rng.uniform(0.1, 2) * SECOND
    return mail


def invitations_create(*, generated: GeneratedPanel, pool: PanelPool, rng: random.Random, now) -> list:
    """Each reviewer of the pool was invited by a chair and accepted; their invitation mail was sent."""
    chairs = generated.chairs
    invitations = ReviewerInvitation.objects.bulk_create([
        ReviewerInvitation(
            code=code(rng), panel=generated.panel, name=user.full_name, email=user.email,
            state=ReviewerInvitation.State.ACCEPTED, invited_by=chairs[0], created_at=now - 58 * DAY,
            sent_at=now - 58 * DAY, responded_at=now - rng.uniform(30, 55) * DAY, user=user,
        ) for user in pool.users
    ], batch_size=BATCH)
    chairs_signing = chair_names(generated.panel)
    mails = []
    for invitation in invitations:
        accept_url, decline_url = invitation_links(invitation)
        mail = compose(
            to=invitation.user, template="reviewer_invitation", panel=generated.panel, related=invitation,
            context={"invitation": invitation, "valid_until": invitation.sent_at + INVITATION_VALID_FOR,
                     "placeholders": {"name": invitation.name, "panel_title": generated.panel.title,
                                      "conference_name": generated.panel.conference.name, "chair_names": chairs_signing,
                                      "accept_url": accept_url, "decline_url": decline_url}},
        )
        mails.append(_delivered(mail, at=invitation.sent_at, rng=rng, now=now))
    mails = OutboundMail.objects.bulk_create(mails, batch_size=BATCH)
    for invitation, mail in zip(invitations, mails, strict=True):
        invitation.last_mail = mail
    ReviewerInvitation.objects.bulk_update(invitations, ["last_mail"], batch_size=500)
    return invitations


def receipts_create(*, generated: GeneratedPanel, users_by_email: dict[str, User], rng: random.Random,
                    now) -> list[OutboundMail]:
    """The mails submitting (and withdrawing) left: the submitter's receipt and
    each co-author's news that they were listed, as submissions.services sends them."""
    files = {paper.submission_id: paper for paper in PaperFile.objects.filter(submission__panel=generated.panel)}
    mails = []
    for submission in generated.submissions:
        if submission.state == Submission.State.DRAFT:
            continue
        authors = generated.authors[submission.pk]
        context = {"submission": submission, "authors": authors, "paper": files.get(submission.pk),
                   "event": "submitted", "at": submission.submitted_at, "by": submission.created_by,
                   "url": settings.SITE_URL + submission.get_absolute_url()}
        for author in authors:
            template = "submission_receipt" if author.email == paper_email(submission.created_by) else \
                "submission_coauthor_added"
            mail = compose(to=author.email, template=template, context={**context, "author": author},
                           related=submission, panel=generated.panel, known_users=users_by_email)
            mails.append(_delivered(mail, at=submission.submitted_at, rng=rng, now=now))
        if submission.state == Submission.State.WITHDRAWN:
            withdrawn = {**context, "event": "withdrawn", "at": submission.withdrawn_at}
            for author in authors:
                mail = compose(to=author.email, template="submission_receipt", context={**withdrawn, "author": author},
                               related=submission, panel=generated.panel, known_users=users_by_email)
                mails.append(_delivered(mail, at=submission.withdrawn_at, rng=rng, now=now))
    return mails


def assignment_mails_create(*, generated: GeneratedPanel, pool: PanelPool, rng: random.Random,
                            now) -> list[OutboundMail]:
    """One mail per reviewer listing the papers they were given, as committing the assigner's proposal sends."""
    papers = generated.in_review
    given: dict[int, list[Submission]] = {}
    for p, r in pool.assigned:
        given.setdefault(r, []).append(papers[p])
    link = settings.SITE_URL + reverse("reviews:my_panels")
    mails = []
    for r, assigned in sorted(given.items()):
        mail = compose(to=pool.users[r], template="reviewer_assignment", panel=generated.panel,
                       related=generated.panel,
                       context={"papers": sorted(assigned, key=lambda paper: paper.number), "link": link})
        mails.append(_delivered(mail, at=now - 12 * DAY, rng=rng, now=now))
    return mails


def audit_events(*, generated: GeneratedPanel, reviews: list[Review]) -> list[AuditEvent]:
    """The trail the submissions and review submissions wrote (portal.workflow)."""
    submission_type = ContentType.objects.get_for_model(Submission)
    review_type = ContentType.objects.get_for_model(Review)
    events = []
    for submission in generated.submissions:
        if submission.submitted_at is not None:
            events.append(AuditEvent(at=submission.submitted_at, actor=submission.created_by,
                                     action="submission.submitted", panel=generated.panel,
                                     target_type=submission_type, target_id=submission.pk,
                                     from_state="draft", to_state="submitted"))
        if submission.withdrawn_at is not None:
            events.append(AuditEvent(at=submission.withdrawn_at, actor=submission.created_by,
                                     action="submission.withdrawn", panel=generated.panel,
                                     target_type=submission_type, target_id=submission.pk,
                                     from_state="submitted", to_state="withdrawn"))
    events += [
        AuditEvent(at=review.submitted_at, actor=review.reviewer, action="review.submitted", panel=generated.panel,
                   target_type=review_type, target_id=review.pk,
                   data={"overall": review.overall, "confidence": review.confidence})
        for review in reviews if review.is_submitted
    ]
    return events
