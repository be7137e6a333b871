"""A synthetic conference at any scale, for benchmarks (`manage.py generate_conference`).

`conference_generate` writes one conference, slug "bench", with panels
panel-1 ... panel-P and accounts chair{i}, reviewer{i} and author{i}
@bench.example sharing one password: the papers divided evenly among the
panels (and the reviewers likewise), each panel's call open for submissions,
bidding open and reviewing under way. The same seed writes the same data
(names, texts, codes, scores, who reviews what); times are relative to `now`.

The rows are written with bulk inserts (bulk_create), not through the
services: running a service per row would take hours at 10,000 papers. So no
service checks anything here, and the generator keeps by hand what the
services would guarantee; `manage.py check_invariants` passes on its output
(tests/sampledata/test_generate_conference.py). Kept by hand:

- Outbox (portal.invariants): every mail is composed for one recipient
  (portal.mail.compose); a sent one has one attempt, a claim time and a sent
  time after it; a queued one has neither (outbox._delivered). No mail batch
  is written, so no batch count can disagree with its rows.
- Submissions (submissions.invariants): exactly one corresponding author per
  paper; every paper past draft has its submission time, every withdrawn one
  its withdrawal time; every paper file points at the one stored PDF with its
  real SHA-256; only papers in review get reviews or decisions, so none is
  both withdrawn and decided.
- Pool and assignment (reviews.invariants): reviewers are assigned only from
  the paper's panel pool and never to a paper they are in conflict with, even
  a lifted conflict (stricter than the invariant); every "in conflict" bid
  comes with the reviewer-declared Conflict that reviews.services.bids records.
- Reviews and decisions (reviews.invariants): every review is on its panel's
  form; a submitted review scores every criterion and copies its overall and
  confidence scores onto its columns; decisions are not released, so every
  decided paper is still "submitted" and no released decision disagrees with
  its paper's state.
- Beyond the invariants: conflicts are those detection would find again,
  each review's last version holds its scores, each accepted invitation points
  at its user and its sent mail, and the audit trail has the submit, withdraw
  and review-submit events portal.workflow writes.

This package sits above the three apps and imports from all of them.
"""

import random
import time
from dataclasses import dataclass, field

import numpy as np
from django.contrib.auth.hashers import make_password
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from portal.models import AuditEvent, Conference, OutboundMail, Panel, User
from reviews.models import (
    Assignment, Bid, Conflict, Decision, DiscussionComment, PanelReviewer, Review, ReviewerInvitation, ReviewForm,
    ReviewVersion, Score,
)
from sampledata.synthetic import outbox, papers, pool, reviewing
from sampledata.synthetic.people import EMAIL_DOMAIN, email_of, paper_email, people_create
from sampledata.synthetic.reviewing import DRAFT_SHARE, SUBMITTED_SHARE
from submissions.models import Author, DeclaredConflict, PaperFile, Submission

CONFERENCE_SLUG = papers.CONFERENCE_SLUG
DEFAULT_PASSWORD = "bench-password"

__all__ = ["CONFERENCE_SLUG", "DEFAULT_PASSWORD", "ConferenceShape", "GenerationReport", "conference_delete",
           "conference_exists", "conference_generate", "email_of"]


class ConferenceExists(Exception):
    pass


@dataclass(frozen=True)
class ConferenceShape:
    papers: int
    reviewers: int
    reviews_per_paper: int = 3
    panels: int = 5
    bids_per_reviewer: int = 30
    seed: int = 1
    password: str = DEFAULT_PASSWORD

    @property
    def authors(self) -> int:
        return 2 * self.papers

    @property
    def chairs(self) -> int:
        return 2 * self.panels


@dataclass
class GenerationReport:
    conference: Conference
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


def _random(seed: int, stage: str, panel: int = 0) -> random.Random:
    """A generator per stage (and panel), so one stage's draws never shift another's."""
    return random.Random(f"{seed}:{stage}:{panel}")


def _numpy_random(seed: int, stage: int, panel: int = 0) -> np.random.Generator:
    return np.random.default_rng([seed, stage, panel])


def conference_exists() -> bool:
    return Conference.objects.filter(slug=CONFERENCE_SLUG).exists() or \
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def conference_delete() -> None:
    """Delete the generated conference, everything in it and the @bench.example accounts."""
    with transaction.atomic():
        panels = Panel.objects.filter(conference__slug=CONFERENCE_SLUG)
        submissions = Submission.objects.filter(panel__in=panels)
        stored = set()
        for name, blind_name in PaperFile.objects.filter(submission__in=submissions).values_list("file", "blind_copy"):
            stored.update(filter(None, (name, blind_name)))
        Score.objects.filter(review__submission__in=submissions).delete()
        Review.objects.filter(submission__in=submissions).update(pending_edit=None)
        ReviewVersion.objects.filter(review__submission__in=submissions).delete()
        for model in (Review, DiscussionComment, Decision, PaperFile):
            model.objects.filter(submission__in=submissions).delete()
        submissions.delete()
        ReviewerInvitation.objects.filter(panel__in=panels).delete()
        OutboundMail.objects.filter(panel__in=panels).delete()
        OutboundMail.objects.filter(batch__panel__in=panels).delete()
        for model in (ReviewForm, Panel.mail_batches.rel.related_model):
            model.objects.filter(panel__in=panels).delete()
        panels.delete()
        Conference.objects.filter(slug=CONFERENCE_SLUG).delete()
        bench_users = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        OutboundMail.objects.filter(to_user__in=bench_users).delete()
        bench_users.delete()
        still_used = set(PaperFile.objects.filter(file__in=stored).values_list("file", flat=True)) | set(
            PaperFile.objects.filter(blind_copy__in=stored).values_list("blind_copy", flat=True))
    for name in stored - still_used:
        default_storage.delete(name)


def conference_generate(*, shape: ConferenceShape, now=None, progress=None) -> GenerationReport:
    """Write the synthetic conference; refuses (ConferenceExists) if one is there."""
    started = time.perf_counter()
    now = now or timezone.now()
    progress = progress or (lambda message: None)
    if conference_exists():
        raise ConferenceExists(f"A conference '{CONFERENCE_SLUG}' or @{EMAIL_DOMAIN} accounts exist already.")
    seed = shape.seed
    stored = papers.shared_paper_store()
    try:
        with transaction.atomic():
            report = _generate(shape, seed, stored, now, progress)
    except BaseException:
        default_storage.delete(stored.name)
        default_storage.delete(stored.blind_name)
        raise
    if connection.vendor == "postgresql":
        progress("ANALYZE")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    report.counts = generated_counts()
    report.seconds = time.perf_counter() - started
    return report


def _generate(shape: ConferenceShape, seed: int, stored, now, progress) -> GenerationReport:
    password_hash = make_password(shape.password)  # once: hashing per account would take hours
    joined = now - 90 * papers.DAY
    progress("accounts")
    chairs = people_create(role="chair", count=shape.chairs, rng=_random(seed, "chairs"),
                           password_hash=password_hash, joined=joined)
    reviewers = people_create(role="reviewer", count=shape.reviewers, rng=_random(seed, "reviewers"),
                              password_hash=password_hash, joined=joined)
    authors = people_create(role="author", count=shape.authors, rng=_random(seed, "authors"),
                            password_hash=password_hash, joined=joined, signs_papers=True)
    users_by_email = {paper_email(user): user for user in authors}
    conference = papers.conference_create(now=now)
    generated_panels = papers.panels_create(conference=conference, count=shape.panels, chairs=chairs,
                                            rng=_random(seed, "panels"), now=now)
    mails, events = [], []
    for index, generated in enumerate(generated_panels):
        progress(f"{generated.panel.slug}: papers")
        numbers = papers.share(shape.papers, shape.panels, index)
        panel_reviewers = [reviewers[i] for i in papers.share(shape.reviewers, shape.panels, index)]
        papers.submissions_create(generated=generated, numbers=numbers, authors=authors,
                                  rng=_random(seed, "papers", index), now=now)
        papers.authors_create(generated=generated, authors=authors, numbers=numbers,
                              rng=_random(seed, "authors", index))
        papers.paper_files_create(generated=generated, stored=stored, rng=_random(seed, "files", index), now=now)
        declared = papers.declared_conflicts_create(generated=generated, reviewers=panel_reviewers,
                                                    rng=_random(seed, "declared", index))
        progress(f"{generated.panel.slug}: pool, conflicts, bids, assignments")
        panel_pool = pool.pool_create(generated=generated, users=panel_reviewers,
                                      reviews_per_paper=shape.reviews_per_paper, rng=_random(seed, "pool", index),
                                      now=now)
        conflicts = pool.conflicts_create(generated=generated, pool=panel_pool, declared=declared,
                                          rng=_random(seed, "conflicts", index), now=now)
        bids, declared_by_reviewers = pool.bids_create(
            generated=generated, pool=panel_pool, bids_per_reviewer=shape.bids_per_reviewer,
            rng=_random(seed, "bids", index), np_rng=_numpy_random(seed, 1, index), now=now,
        )
        Conflict.objects.bulk_create(conflicts + declared_by_reviewers, batch_size=papers.BATCH)
        Bid.objects.bulk_create(bids, batch_size=papers.BATCH)
        Assignment.objects.bulk_create(
            pool.assignments_create(generated=generated, pool=panel_pool, reviews_per_paper=shape.reviews_per_paper,
                                    np_rng=_numpy_random(seed, 2, index), now=now),
            batch_size=papers.BATCH,
        )
        progress(f"{generated.panel.slug}: reviews")
        panel_reviews = reviewing.reviews_create(generated=generated, pool=panel_pool,
                                                 rng=_random(seed, "reviews", index),
                                                 np_rng=_numpy_random(seed, 3, index), now=now)
        progress(f"{generated.panel.slug}: invitations and mail")
        mail_rng = _random(seed, "mail", index)
        outbox.invitations_create(generated=generated, pool=panel_pool, rng=mail_rng, now=now)
        mails += outbox.receipts_create(generated=generated, users_by_email=users_by_email, rng=mail_rng, now=now)
        mails += outbox.assignment_mails_create(generated=generated, pool=panel_pool, rng=mail_rng, now=now)
        events += outbox.audit_events(generated=generated, reviews=panel_reviews.reviews)
    progress("outbox and audit trail")
    OutboundMail.objects.bulk_create(mails, batch_size=papers.BATCH)
    AuditEvent.objects.bulk_create(events, batch_size=papers.BATCH)
    return GenerationReport(conference=conference)


COUNTED = [
    ("users", User, "email__endswith"), ("panels", Panel, "conference__slug"),
    ("submissions", Submission, "panel__conference__slug"), ("authors", Author, "submission__panel__conference__slug"),
    ("paper files", PaperFile, "submission__panel__conference__slug"),
    ("declared conflicts", DeclaredConflict, "submission__panel__conference__slug"),
    ("reviewers", PanelReviewer, "panel__conference__slug"),
    ("conflicts", Conflict, "submission__panel__conference__slug"),
    ("bids", Bid, "submission__panel__conference__slug"),
    ("assignments", Assignment, "submission__panel__conference__slug"),
    ("reviews", Review, "submission__panel__conference__slug"),
    ("scores", Score, "review__submission__panel__conference__slug"),
    ("review versions", ReviewVersion, "review__submission__panel__conference__slug"),
    ("decisions", Decision, "submission__panel__conference__slug"),
    ("discussion comments", DiscussionComment, "submission__panel__conference__slug"),
    ("invitations", ReviewerInvitation, "panel__conference__slug"),
    ("outbox rows", OutboundMail, "panel__conference__slug"),
    ("audit events", AuditEvent, "panel__conference__slug"),
]


def generated_counts() -> dict[str, int]:
    """Rows of each table that belong to the generated conference."""
    counts = {}
    for label, model, lookup in COUNTED:
        value = f"@{EMAIL_DOMAIN}" if lookup == "email__endswith" else CONFERENCE_SLUG
        counts[label] = model.objects.filter(**{lookup: value}).count()
    return counts


# Exposed for the help text and tests: the shares of assignments by review state.
REVIEW_SHARES = {"submitted": SUBMITTED_SHARE, "draft": DRAFT_SHARE, "not started": 1 - SUBMITTED_SHARE - DRAFT_SHARE}
