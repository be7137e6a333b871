"""Small helpers the reviews tests share."""

import itertools

from django.urls import reverse
from django.utils import timezone

from portal.models import User
from reviews.models import Assignment, BiddingPhase, Criterion, Decision, Review, Score
from reviews.services.review_forms import review_form_ensure
from submissions.models import Submission


def panel_url(name, panel, **kwargs):
    return reverse(f"reviews:{name}", kwargs={"conference": panel.conference.slug, "panel": panel.slug, **kwargs})


def open_bidding(panel):
    BiddingPhase.objects.update_or_create(panel=panel, defaults={"is_open": True})


REVIEWS_PER_PAPER = 3


def add_reviewed_papers(panel, count: int, *, first_number: int, reviewers: list[User], author: User) -> None:
    """`count` submitted papers, each with three submitted reviews scored on every criterion."""
    form = review_form_ensure(panel=panel)
    criteria = list(form.criteria.all())
    topics = list(panel.topics.all())
    now = timezone.now()
    papers = Submission.objects.bulk_create([
        Submission(panel=panel, number=number, state=Submission.State.SUBMITTED, title=f"Paper number {number}",
                   abstract="An abstract.", keywords=["a", "b", "c"], language="en", created_by=author,
                   submitted_at=now)
        for number in range(first_number, first_number + count)
    ])
    papers = list(Submission.objects.filter(panel=panel, number__gte=first_number).order_by("number"))
    Submission.topics.through.objects.bulk_create([
        Submission.topics.through(submission_id=paper.pk, topic_id=topics[paper.number % len(topics)].pk)
        for paper in papers
    ])
    rotation = itertools.cycle(range(len(reviewers)))
    pairs = [(paper, reviewers[next(rotation)]) for paper in papers for _ in range(REVIEWS_PER_PAPER)]
    Assignment.objects.bulk_create([Assignment(submission=paper, reviewer=user) for paper, user in pairs],
                                   batch_size=2000)
    Review.objects.bulk_create([
        Review(submission=paper, reviewer=user, form=form, state=Review.State.SUBMITTED,
               overall=(paper.number + user.pk) % 7 - 3, confidence=(paper.number % 4) + 1,
               comments_to_authors="Fine.", submitted_at=now)
        for paper, user in pairs
    ], batch_size=2000)
    reviews = Review.objects.filter(submission__panel=panel, submission__number__gte=first_number)
    Score.objects.bulk_create([
        Score(review_id=review_id, criterion=criterion,
              value=overall if criterion.role == Criterion.Role.OVERALL
              else confidence if criterion.role == Criterion.Role.CONFIDENCE
              else criterion.scale_min + (review_id % (criterion.scale_max - criterion.scale_min + 1)))
        for review_id, overall, confidence in reviews.values_list("pk", "overall", "confidence")
        for criterion in criteria
    ], batch_size=5000)
    Decision.objects.bulk_create([
        Decision(submission=paper, outcome=Decision.Outcome.ACCEPT) for paper in papers if paper.number % 5 == 0
    ])
