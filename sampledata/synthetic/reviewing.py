"""Reviews as reviews.services.reviewing leaves them, then the chairs' work:
decisions (not released), a little discussion.

Of the assignments, about 70% have a submitted review (a Score row for every
criterion of the panel's form, overall and confidence copied onto the review,
a submitted version, sometimes after a draft version), about 15% a draft
(some criteria scored, one draft version) and the rest no review yet (no row,
as before the reviewer first saves).
"""

import random
from dataclasses import dataclass, field

import numpy as np

from reviews.models import Criterion, Decision, DiscussionComment, Review, ReviewVersion, Score
from sampledata.synthetic.papers import BATCH, DAY, GeneratedPanel, code
from sampledata.synthetic.pool import PanelPool
from sampledata.synthetic.words import Writer

SUBMITTED_SHARE, DRAFT_SHARE = 0.70, 0.15


@dataclass
class PanelReviews:
    reviews: list[Review] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    versions: list[ReviewVersion] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    comments: list[DiscussionComment] = field(default_factory=list)


def _points(criteria: list[Criterion], quality: float, np_rng: np.random.Generator) -> dict[str, int]:
    """A point per criterion, following the paper's quality with some disagreement."""
    points = {}
    for criterion in criteria:
        if criterion.role == Criterion.Role.CONFIDENCE:
            value = int(np_rng.choice([1, 2, 3, 4], p=[0.1, 0.3, 0.4, 0.2]))
        else:
            middle = (criterion.scale_min + criterion.scale_max) / 2
            spread = (criterion.scale_max - criterion.scale_min) / 4
            value = round(middle + spread * (quality + np_rng.normal(0, 0.6)))
        points[criterion.key] = int(min(max(value, criterion.scale_min), criterion.scale_max))
    return points


def _review_with_versions(review: Review, points: dict, writer: Writer, rng: random.Random, out: PanelReviews,
                          criteria: list[Criterion]) -> None:
    """The review's Score rows and its history, as review_save writes them."""
    by_key = {criterion.key: criterion for criterion in criteria}
    out.scores += [Score(review=review, criterion=by_key[key], value=value) for key, value in points.items()]
    number = 1
    if review.is_submitted and rng.random() < 0.3:  # a draft saved automatically before the submission
        early = dict(list(points.items())[:rng.randint(0, len(points))])
        out.versions.append(ReviewVersion(
            review=review, number=number, form=review.form, state=Review.State.DRAFT, scores=early,
            comments_to_authors=review.comments_to_authors[:rng.randint(0, len(review.comments_to_authors))].strip(),
            autosaved=True, saved_at=review.created_at + DAY, saved_by=review.reviewer,
        ))
        number += 1
    out.versions.append(ReviewVersion(
        review=review, number=number, form=review.form, state=review.state, scores=points,
        comments_to_authors=review.comments_to_authors, confidential_comments=review.confidential_comments,
        autosaved=not review.is_submitted and rng.random() < 0.5, saved_at=review.updated_at, saved_by=review.reviewer,
    ))


def reviews_create(*, generated: GeneratedPanel, pool: PanelPool, rng: random.Random, np_rng: np.random.Generator,
                   now) -> PanelReviews:
    writer = Writer(rng)
    out = PanelReviews()
    papers = generated.in_review
    quality = np_rng.normal(0, 1, size=len(papers))
    overall_key = next(c.key for c in generated.criteria if c.role == Criterion.Role.OVERALL)
    confidence_key = next(c.key for c in generated.criteria if c.role == Criterion.Role.CONFIDENCE)
    pending = []
    for p, r in pool.assigned:
        roll = rng.random()
        if roll >= SUBMITTED_SHARE + DRAFT_SHARE:
            continue
        submitted = roll < SUBMITTED_SHARE
        points = _points(generated.criteria, float(quality[p]), np_rng)
        if not submitted:  # a draft: some criteria scored so far
            points = dict(rng.sample(sorted(points.items()), rng.randint(0, len(points))))
        created = now - rng.uniform(3, 11) * DAY
        updated = created + rng.uniform(0.1, 2.5) * DAY
        comments = writer.comments_to_authors()
        review = Review(
            code=code(rng), submission=papers[p], reviewer=pool.users[r], form=generated.form,
            state=Review.State.SUBMITTED if submitted else Review.State.DRAFT,
            comments_to_authors=comments if submitted else comments[:rng.randint(0, len(comments))].strip(),
            confidential_comments=writer.confidential_comments() if submitted else "",
            overall=points.get(overall_key), confidence=points.get(confidence_key),
            created_at=created, updated_at=updated, submitted_at=updated if submitted else None,
        )
        pending.append((review, points))
    out.reviews = Review.objects.bulk_create([review for review, _points in pending], batch_size=BATCH)
    for review, points in pending:
        _review_with_versions(review, points, writer, rng, out, generated.criteria)
    Score.objects.bulk_create(out.scores, batch_size=BATCH)
    ReviewVersion.objects.bulk_create(out.versions, batch_size=BATCH)
    _decisions_and_discussion(generated, pool, out, rng, now)
    return out


def _decisions_and_discussion(generated: GeneratedPanel, pool: PanelPool, out: PanelReviews, rng: random.Random,
                              now) -> None:
    """Chairs decided (without releasing) one paper in ten among those with
    two submitted reviews or more; a few of those papers were discussed."""
    writer = Writer(rng)
    submitted_by_paper: dict[int, list[Review]] = {}
    for review in out.reviews:
        if review.is_submitted:
            submitted_by_paper.setdefault(review.submission_id, []).append(review)
    for submission in generated.in_review:
        reviews = submitted_by_paper.get(submission.pk, [])
        if len(reviews) < 2:
            continue
        if rng.random() < 0.1:
            mean = sum(review.overall for review in reviews) / len(reviews)
            outcome = Decision.Outcome.ACCEPT if mean >= 1 else Decision.Outcome.REVISE if mean >= 0 else \
                Decision.Outcome.REJECT
            out.decisions.append(Decision(
                submission=submission, outcome=outcome, decided_by=rng.choice(generated.chairs),
                decided_at=now - rng.uniform(0.1, 2) * DAY,
                note=writer.paragraph(["Thank you for your paper on {noun}."], 10) if rng.random() < 0.3 else "",
            ))
        if rng.random() < 0.05:
            speakers = [review.reviewer for review in reviews] + generated.chairs
            out.comments += [
                DiscussionComment(code=code(rng), submission=submission, author=rng.choice(speakers),
                                  body=writer.discussion(), created_at=now - (2 - turn * 0.3) * DAY)
                for turn in range(rng.randint(1, 3))
            ]
    Decision.objects.bulk_create(out.decisions, batch_size=BATCH)
    DiscussionComment.objects.bulk_create(out.comments, batch_size=BATCH)
