"""The discussion of a paper among its chairs and reviewers."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy

from portal.mail.queue import mail_queue
from portal.models import PanelChair
from portal.refusals import refuse_if
from reviews import permissions
from reviews.models import DiscussionComment, Review
from reviews.selectors.reviewing import reviewer_labels
from submissions.permissions import is_author


def discussion_participants(submission) -> list:
    """Who may read the thread now: the paper's chairs, and its reviewers whose review is submitted."""
    chairs = [
        chair.user for chair in PanelChair.objects.filter(panel=submission.panel).select_related("user")
        if not is_author(chair.user, submission)
    ]
    reviewers = [
        review.reviewer for review in Review.objects.submitted().filter(submission=submission).select_related("reviewer")
        if permissions.reviews_paper(review.reviewer, submission)
    ]
    return chairs + reviewers


def discussion_post(*, submission, by, body: str) -> DiscussionComment:
    with transaction.atomic():
        own = Review.objects.filter(submission=submission, reviewer=by).first()
        refuse_if(permissions.why_not_join_discussion(by, submission, own))
        comment = DiscussionComment.objects.create(submission=submission, author=by, body=body.strip())
        labels = reviewer_labels(submission)
        url = settings.SITE_URL + reverse("reviews:discussion", kwargs={"code": submission.code})
        for person in discussion_participants(submission):
            if person.pk == by.pk:
                continue
            sees_names = permissions.manages_paper(person, submission)
            mail_queue(
                to=person, template="discussion_comment", panel=submission.panel, related=comment,
                context={
                    "submission": submission, "comment": comment, "discussion_url": url,
                    "poster": poster_label(by, submission, labels, with_names=sees_names),
                },
            )
    return comment


def poster_label(user, submission, labels: dict, *, with_names: bool) -> str:
    """How a participant is named: chairs see names; reviewers see "Reviewer N" and "Chair" (lazy, like
    the reviewer labels: each recipient's mail names the poster in the recipient's language)."""
    if with_names:
        return user.display_name
    if user.pk in labels:
        return labels[user.pk]
    return gettext_lazy("Chair")
