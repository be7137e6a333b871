"""The reviewer's side: the papers to review, the review form with its
automatic saving, the paper's PDF, the other reviews and the discussion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.files import private_file_response
from portal.refusals import Refused
from reviews import permissions
from reviews.forms.decisions import DecisionForm
from reviews.forms.reviewing import DiscussionCommentForm, ReviewContentForm
from reviews.models import Criterion, Review
from reviews.selectors import reviewing as selectors
from reviews.selectors.review_forms import criteria_current
from reviews.services.discussion import discussion_post as discussion_post_service
from reviews.services.reviewing import (
    ReviewIncomplete, review_content, review_discard_pending, review_of, review_save,
)
from reviews.lookups import (
    paper_for_author_decision, paper_for_reviewing, paper_to_review, paper_with_reviews_for, review_for_history,
)
from submissions.permissions import CAMERA_READY_STATES, can_view as can_view_submission, why_not_upload


@login_required
def my_reviews(request):
    return render(request, "reviews/my_reviews.html", {
        "assignments": list(selectors.assignments_of_reviewer(request.user)),
    })


def _criteria_for(submission, own: Review | None) -> list[Criterion]:
    """A submitted review keeps its form version; a draft or a new review is on the current one."""
    if own is not None and own.is_submitted:
        return list(own.form.criteria.all())
    return criteria_current(panel=submission.panel)


def _paper_context(user, submission) -> dict:
    """What the reviewing pages show of the paper itself; the authors only to those who may see them."""
    shows_authors = permissions.can_see_author_identities(user, submission)
    return {
        "submission": submission,
        "panel": submission.panel,
        "topics": list(submission.topics.all()),
        "authors": list(submission.authors.all()) if shows_authors else [],
        "shows_authors": shows_authors,
        "paper_file": selectors.paper_for_reviewers(submission),
        "manages": permissions.manages_paper(user, submission),
    }


@login_required
def review(request, code):
    submission = paper_to_review(request.user, code)
    own = review_of(submission=submission, reviewer=request.user)
    criteria = _criteria_for(submission, own)
    if request.method == "POST":
        submitting = request.POST.get("action") == "submit"
        form = ReviewContentForm(request.POST, criteria=criteria, submitting=submitting)
        if form.is_valid():
            try:
                saved = review_save(submission=submission, by=request.user, content=form.content(), submit=submitting)
            except ReviewIncomplete as error:
                form.add_error(None, error)
            except Refused as error:
                messages.error(request, str(error))
            else:
                if submitting:
                    messages.success(request, _("Your review was submitted. You may now read the other reviews."))
                    return redirect("reviews:paper_reviews", code=submission.code)
                if saved.is_submitted:
                    messages.info(request, _("Your changes were kept aside. Press “Update the review” to apply them."))
                else:
                    messages.success(request, _("Your draft was saved."))
                return redirect("reviews:review", code=submission.code)
    else:
        initial = ReviewContentForm.initial_from(review_content(own), criteria) if own else None
        form = ReviewContentForm(initial=initial, criteria=criteria)
    why_not = permissions.why_not_write_review(request.user, submission, own)
    return render(request, "reviews/review.html", {
        **_paper_context(request.user, submission),
        "form": form,
        "review": own,
        "why_not_write": why_not,
        "can_read_others": permissions.can_read_other_reviews(request.user, submission, own),
        "autosave_url": reverse("reviews:review_autosave", kwargs={"code": submission.code}),
    })


@login_required
@require_POST
def review_autosave(request, code):
    """The review form posted in the background: saved as a draft (or as
    pending changes of a submitted review), never submitted."""
    submission = paper_for_reviewing(request.user, code)
    own = review_of(submission=submission, reviewer=request.user)
    form = ReviewContentForm(request.POST, criteria=_criteria_for(submission, own))
    if not form.is_valid():
        return JsonResponse({"saved": False, "message": _("Not saved: some answers are not valid.")}, status=400)
    try:
        review_save(submission=submission, by=request.user, content=form.content(), autosave=True)
    except Refused as error:
        return JsonResponse({"saved": False, "message": str(error)}, status=403)
    moment = time_format(timezone.localtime(), "TIME_FORMAT")
    return JsonResponse({"saved": True, "message": _("Saved automatically at %(time)s") % {"time": moment}})


@login_required
@require_POST
def review_discard(request, code):
    submission = paper_for_reviewing(request.user, code)
    review_discard_pending(submission=submission, by=request.user)
    messages.success(request, _("Your unsubmitted changes were discarded; the submitted review stands."))
    return redirect("reviews:review", code=submission.code)


@login_required
def paper_download(request, code):
    """The paper for its reviewers and chairs. Reviewers get the copy without
    metadata, active content or annotation text, under a name that says nothing
    (a paper uploaded before every call had that copy: the original, outside
    double-blind calls)."""
    submission = paper_for_reviewing(request.user, code)
    paper = selectors.paper_for_reviewers(submission)
    if paper is None:
        raise Http404(_("No PDF has been uploaded for this paper."))
    stored = paper.file
    if not permissions.manages_paper(request.user, submission):
        if paper.blind_copy:
            stored = paper.blind_copy
        elif submission.panel.double_blind:
            raise Http404(_("The anonymised copy of this paper is not ready yet."))
    return private_file_response(stored, download_name=f"paper-{submission.number}.pdf")


@login_required
def paper_reviews(request, code):
    """Every review of a paper for its chairs; the submitted ones for its
    reviewers once theirs is in."""
    submission, own = paper_with_reviews_for(request.user, code)
    manages = permissions.manages_paper(request.user, submission)
    decision = getattr(submission, "decision", None) if manages else None
    decision_form = None
    if manages and permissions.can_decide(request.user, submission):
        decision_form = DecisionForm(initial={"outcome": decision.outcome, "note": decision.note} if decision else None)
    return render(request, "reviews/paper_reviews.html", {
        **_paper_context(request.user, submission),
        "reviews": selectors.reviews_visible_to(request.user, submission, own),
        "own_review": own,
        "manages": manages,
        "decision": decision,
        "decision_form": decision_form,
        "why_not_decide": permissions.why_not_decide(request.user, submission) if manages else None,
    })


@login_required
def review_versions(request, code):
    review = review_for_history(request.user, code)
    return render(request, "reviews/review_versions.html", {
        "review": review, "submission": review.submission, "versions": selectors.versions_of(review),
        "manages": permissions.manages_paper(request.user, review.submission),
    })


def _discussion_page(request, submission, form):
    return render(request, "reviews/discussion.html", {
        "submission": submission,
        "comments": selectors.discussion_of(request.user, submission),
        "form": form,
    })


@login_required
def discussion(request, code):
    submission, _own = paper_with_reviews_for(request.user, code)
    return _discussion_page(request, submission, DiscussionCommentForm())


@login_required
@require_POST
def discussion_post(request, code):
    submission, _own = paper_with_reviews_for(request.user, code)
    form = DiscussionCommentForm(request.POST)
    if not form.is_valid():
        return _discussion_page(request, submission, form)
    comment = discussion_post_service(submission=submission, by=request.user, body=form.cleaned_data["body"])
    messages.success(request, _("Your comment was posted; the other participants were notified."))
    return redirect(reverse("reviews:discussion", kwargs={"code": submission.code}) + f"#comment-{comment.code}")


@login_required
def author_decision(request, code):
    """The authors' view of the reviewing of their paper: the decision and the
    reviewers' comments to them, once released; before that, only that it is pending."""
    submission = paper_for_author_decision(request.user, code)
    view = selectors.author_view_of(submission)
    camera_ready = None
    if view.released and submission.state in CAMERA_READY_STATES:
        camera_ready = {
            "latest": selectors.latest_camera_ready(submission),
            "why_not_upload": why_not_upload(request.user, submission),
        }
    return render(request, "reviews/author_decision.html", {
        "submission": submission, "view": view, "camera_ready": camera_ready,
        "may_view_submission": can_view_submission(request.user, submission),
    })
