"""Writing a review: drafts (typed or saved automatically), submission,
changes to a submitted review, and the history of every version."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.refusals import refuse_if
from portal.workflow import audit_record, transition
from reviews import permissions
from reviews.models import Criterion, Review, ReviewVersion, Score
from reviews.services.review_forms import review_form_ensure
from submissions.models import Submission


@dataclass
class ReviewContent:
    scores: dict[str, int] = field(default_factory=dict)  # criterion key → point
    comments_to_authors: str = ""
    confidential_comments: str = ""

    @classmethod
    def of_version(cls, version: ReviewVersion) -> "ReviewContent":
        return cls(dict(version.scores), version.comments_to_authors, version.confidential_comments)


# A review is written as a draft and submitted once; later changes update it in place.
REVIEW_TRANSITIONS = {Review.State.DRAFT: {Review.State.SUBMITTED}}


class ReviewIncomplete(ValidationError):
    pass


def review_of(*, submission, reviewer) -> Review | None:
    return Review.objects.filter(submission=submission, reviewer=reviewer).select_related("form", "pending_edit").first()


def review_content(review: Review) -> ReviewContent:
    """What the reviewer last wrote: their pending changes to a submitted review, else the review."""
    if review.pending_edit is not None:
        return ReviewContent.of_version(review.pending_edit)
    return ReviewContent(
        {score.criterion.key: score.value for score in review.scores.select_related("criterion")},
        review.comments_to_authors, review.confidential_comments,
    )


def review_save(
    *, submission, by, content: ReviewContent, submit: bool = False, autosave: bool = False, now=None,
) -> Review:
    """Save what a reviewer typed.

    A draft is saved as it is (scores only within their scale); `submit`
    requires every required criterion and makes it the submitted review.
    On a review already submitted, a save without `submit` is kept aside as
    pending changes, shown to the reviewer, until they submit or discard it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        submission = _locked(submission)
        review = Review.objects.select_for_update().filter(submission=submission, reviewer=by).first()
        refuse_if(permissions.why_not_write_review(by, submission, review, now=now))
        if review is None:
            review = Review(submission=submission, reviewer=by, form=review_form_ensure(panel=submission.panel, by=by),
                            created_at=now)
        elif not review.is_submitted:
            # A draft moves to the current form; scores of criteria it dropped stay in the history.
            review.form = review_form_ensure(panel=submission.panel, by=by)
        criteria = list(review.form.criteria.all())
        content = _content_on(criteria, content)
        if submit and (missing := [c.display_label for c in criteria if c.required and c.key not in content.scores]):
            raise ReviewIncomplete(_("Score every required criterion before submitting: %(missing)s.")
                                   % {"missing": ", ".join(missing)})

        if review.is_submitted and not submit:
            _pending_changes_keep(review, content, autosave=autosave, by=by, now=now)
        else:
            _review_store(review, criteria, content, submit=submit, autosave=autosave, by=by, now=now)
    return review


def _pending_changes_keep(review: Review, content: ReviewContent, *, autosave: bool, by, now) -> None:
    """Changes to a submitted review, kept aside until submitted or discarded."""
    submitted = review.versions.filter(state=Review.State.SUBMITTED).order_by("-number").first()
    if submitted is not None and _same_content(submitted, content):
        review.pending_edit = None  # typed back to what was submitted
    else:
        review.pending_edit = _version_record(
            review, content, state=Review.State.DRAFT, autosaved=autosave, by=by, now=now,
            collapse_into=review.pending_edit,
        )
    review.save(update_fields=["pending_edit"])


def _review_store(review: Review, criteria, content: ReviewContent, *, submit: bool, autosave: bool, by, now) -> None:
    """The content as the review (a draft stays a draft); `submit` moves a
    draft to submitted through portal.workflow.transition, or records the
    update of a submitted one; a version joins the history either way."""
    review.comments_to_authors = content.comments_to_authors
    review.confidential_comments = content.confidential_comments
    review.overall = _score_of_role(criteria, content, Criterion.Role.OVERALL)
    review.confidence = _score_of_role(criteria, content, Criterion.Role.CONFIDENCE)
    review.updated_at = now
    was_submitted = review.is_submitted
    if submit and was_submitted:
        review.submitted_at, review.pending_edit = now, None
    review.save()
    scores = {"overall": review.overall, "confidence": review.confidence}
    if submit and not was_submitted:
        transition(review, to=Review.State.SUBMITTED, by=by, allowed=REVIEW_TRANSITIONS,
                   panel=review.submission.panel, data=scores, submitted_at=now, pending_edit=None)
    elif submit:
        audit_record(action="review.updated", target=review, by=by, panel=review.submission.panel, data=scores)
    _scores_replace(review, criteria, content)
    latest = review.versions.order_by("-number").first()
    _version_record(
        review, content, state=review.state, autosaved=autosave, by=by, now=now,
        collapse_into=latest if latest and latest.autosaved and latest.state == review.state else None,
    )


def review_discard_pending(*, submission, by) -> Review | None:
    """Forget the unsubmitted changes to a submitted review (the history keeps them)."""
    with transaction.atomic():
        submission = _locked(submission)
        review = Review.objects.select_for_update().filter(submission=submission, reviewer=by).first()
        refuse_if(permissions.why_not_write_review(by, submission, review))
        if review is not None and review.pending_edit_id:
            review.pending_edit = None
            review.save(update_fields=["pending_edit"])
    return review


def _locked(submission: Submission) -> Submission:
    """The paper re-read under its row lock: a decision cannot move it out of review while a review is saved."""
    return Submission.objects.select_for_update(of=("self",)).select_related("panel__conference").get(pk=submission.pk)


def _content_on(criteria: list[Criterion], content: ReviewContent) -> ReviewContent:
    """Only scores of the form's criteria, within their scales."""
    by_key = {criterion.key: criterion for criterion in criteria}
    scores = {
        key: int(value) for key, value in content.scores.items()
        if key in by_key and value is not None and by_key[key].scale_min <= int(value) <= by_key[key].scale_max
    }
    return ReviewContent(scores, content.comments_to_authors.strip(), content.confidential_comments.strip())


def _score_of_role(criteria, content: ReviewContent, role: str) -> int | None:
    return next((content.scores.get(c.key) for c in criteria if c.role == role), None)


def _scores_replace(review: Review, criteria: list[Criterion], content: ReviewContent) -> None:
    review.scores.all().delete()
    Score.objects.bulk_create([
        Score(review=review, criterion=criterion, value=content.scores[criterion.key])
        for criterion in criteria if criterion.key in content.scores
    ])


def _version_record(
    review: Review, content: ReviewContent, *, state: str, autosaved: bool, by, now, collapse_into: ReviewVersion | None,
) -> ReviewVersion:
    """A new version, or, for an automatic save after an automatic save, the
    newest version brought up to date. Saving unchanged text adds nothing."""
    fields = {
        "form": review.form, "state": state, "scores": content.scores,
        "comments_to_authors": content.comments_to_authors, "confidential_comments": content.confidential_comments,
    }
    latest = review.versions.order_by("-number").first()
    if latest is not None and latest.state == state and latest.form_id == review.form_id and _same_content(latest, content):
        if latest.autosaved and not autosaved:
            latest.autosaved = False
            latest.save(update_fields=["autosaved"])
        return latest
    if autosaved and collapse_into is not None and latest is not None and collapse_into.pk == latest.pk:
        for name, value in fields.items():
            setattr(latest, name, value)
        latest.saved_at, latest.saved_by = now, by
        latest.save()
        return latest
    return ReviewVersion.objects.create(
        review=review, number=(latest.number + 1) if latest else 1, autosaved=autosaved, saved_at=now, saved_by=by,
        **fields,
    )


def _same_content(version: ReviewVersion, content: ReviewContent) -> bool:
    return (
        {key: int(value) for key, value in version.scores.items()} == content.scores
        and version.comments_to_authors == content.comments_to_authors
        and version.confidential_comments == content.confidential_comments
    )
