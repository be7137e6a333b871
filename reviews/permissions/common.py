"""Who is who for a panel and for one paper, as the reviewing rules ask it.

- its authors: submissions.permissions.is_author, the one definition;
- its chairs: the panel's chairs, except a chair who is one of its authors
  (that chair is an author for this paper and sees only what authors see);
- its reviewers: in the panel's pool, assigned to it and not in conflict
  with it, while it is under review or decided.

What a request asks several times is read once: the panels whose pool the
user is in are kept on the user for the request (portal.permissions.remembered),
whether the user reviews a paper on that paper's instance (the review page
asks it four or five times). Services re-read the paper inside their
transaction, so their checks never rest on an answer kept from before.
"""

from django.db.models import Exists, OuterRef

from portal.permissions import forget, is_chair, remembered
from reviews.models import Assignment, Conflict, PanelReviewer
from submissions.models import Submission
from submissions.permissions import is_author

# Papers in the running: bid on, assigned, reviewed and decided in this state only.
IN_REVIEW = frozenset({Submission.State.SUBMITTED})
# Papers whose reviewing pages stay open to their chairs and reviewers: in review or decided.
REVIEWED_STATES = IN_REVIEW | frozenset({
    Submission.State.ACCEPTED, Submission.State.REJECTED, Submission.State.REVISE,
})


def reviewer_panel_ids(user) -> frozenset[int]:
    """The panels whose pool a user is in."""
    return remembered(user, "reviewer_panels",
                      lambda: PanelReviewer.objects.filter(user=user).values_list("panel_id", flat=True))


def forget_reviewer_panels(user) -> None:
    """After a user joins or leaves a pool within a request."""
    forget(user, "reviewer_panels")


def is_reviewer(user, panel) -> bool:
    return panel.pk in reviewer_panel_ids(user)


def is_in_conflict(user, submission) -> bool:
    return Conflict.objects.filter(submission=submission, reviewer=user, lifted_at__isnull=True).exists()


def is_assigned(user, submission) -> bool:
    return Assignment.objects.filter(submission=submission, reviewer=user).exists()


def active_conflicts(submission_ref=OuterRef("submission"), reviewer_ref=OuterRef("reviewer")):
    return Conflict.objects.filter(submission=submission_ref, reviewer=reviewer_ref, lifted_at__isnull=True)


def manages_paper(user, submission: Submission) -> bool:
    """A chair of the paper's panel who is not one of its authors."""
    return is_chair(user, submission.panel) and not is_author(user, submission)


def reviews_paper(user, submission: Submission) -> bool:
    """In the panel's pool, assigned to the paper and not in conflict with
    it, while it is under review or decided. Asked once per user and paper instance."""
    if not user.is_authenticated or submission.state not in REVIEWED_STATES:
        return False
    known = submission.__dict__.setdefault("_reviewed_by", {})
    if user.pk not in known:
        known[user.pk] = (
            Assignment.objects.filter(submission=submission, reviewer=user, submission__panel__reviewers__user=user)
            .exclude(Exists(active_conflicts()))
            .exists()
        )
    return known[user.pk]
