"""The author's pages: the dashboard, the submission form, a submission's
page, and the changes (submit, upload, withdraw) and download it offers.

Views fetch the submission through `submissions.lookups` (404 for one the
user may not know exists, 403 for one they may see but not use this way),
call a service, which checks its own rule and raises `Refused`, and answer
with the rule's message; `submissions.permissions` tells a page what to offer.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.files import private_file_response
from portal.refusals import Refused
from portal.selectors import published_panel
from submissions import lookups, permissions, selectors, services
from submissions.forms import PaperUploadForm, SubmissionFormGroup, WithdrawForm


def _refused(request, message: str, *, submission=None):
    """The rule's message, and nothing of the submission (the user may not be its author)."""
    return render(request, "submissions/refused.html", {"message": message, "submission": submission}, status=403)


def _warn_about_identity(request, paper) -> None:
    if paper is not None and paper.anonymity_findings:
        messages.warning(request, _(
            "This call is double-blind, and the PDF names its authors. Look at the warnings below before submitting."
        ))


def _tell_about_active_content(request, paper) -> None:
    if paper is not None and paper.active_content:
        messages.info(request, _(
            "Your PDF carries active content (see below); reviewers will get a copy without it."
        ))


@login_required
def dashboard(request):
    submissions = list(selectors.submissions_of_author(request.user))
    for submission in submissions:
        submission.may_edit = permissions.can_edit(request.user, submission)
        submission.may_upload = permissions.can_upload(request.user, submission)
        submission.may_upload_camera_ready = permissions.can_upload_camera_ready(request.user, submission)
    return render(request, "submissions/dashboard.html", {"submissions": submissions})


def _form_page(request, *, panel, submission=None, refusal: str | None, save):
    """The submission form, new or filled in: shown, checked, saved by `save`."""
    group = SubmissionFormGroup(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        panel=panel, editor=request.user, editor_emails=permissions.verified_emails(request.user),
        submission=submission,
    )
    status = 200
    if request.method == "POST":
        if refusal is None and group.is_valid():
            try:
                return save(group.service_arguments())
            except Refused as late:
                refusal = str(late)
        if refusal is not None:
            group.refuse(refusal)
            status = 403
        elif request.FILES.get("paper") and "paper" not in group.details.errors:
            group.details.add_error("paper", _(
                "Your PDF passed its checks, but a browser cannot keep a chosen file while other fields are "
                "corrected: choose it again before saving."
            ))
    return render(request, "submissions/form.html", {
        "panel": panel, "submission": submission, "form": group.details, "authors": group.authors,
        "conflicts": group.conflicts,
    }, status=status)


@login_required
def create(request, conference_slug, panel_slug):
    panel = published_panel(conference_slug, panel_slug)
    refusal = permissions.why_not_start(request.user, panel)
    if refusal and request.method != "POST":
        return _refused(request, refusal)

    def save(arguments):
        submission = services.submission_create(panel=panel, by=request.user, **arguments)
        messages.success(request, _(
            "Your paper is saved as draft number %(number)d. Check it below, then submit it."
        ) % {"number": submission.number})
        _warn_about_identity(request, submission.current_paper)
        _tell_about_active_content(request, submission.current_paper)
        return redirect(submission)

    return _form_page(request, panel=panel, refusal=refusal, save=save)


def _change_page(request, code, why_not):
    """The submission, why the rule `why_not` refuses this change, and the
    refusal page to answer at once, if any. An author's POST that the rule
    refuses (a deadline that just passed) gets its form back instead, with
    everything typed and the refusal above it; anyone else gets only the message."""
    submission = lookups.submission_for(request.user, code)
    refusal = why_not(request.user, submission)
    if refusal and (request.method != "POST" or not permissions.is_author(request.user, submission)):
        return submission, refusal, _refused(request, refusal, submission=submission)
    return submission, refusal, None


@login_required
def edit(request, code):
    submission, refusal, refused = _change_page(request, code, permissions.why_not_edit)
    if refused:
        return refused

    def save(arguments):
        changed = services.submission_update(submission=submission, by=request.user, **arguments)
        messages.success(request, _("Your changes are saved."))
        if arguments["paper"] is not None:
            _warn_about_identity(request, changed.current_paper)
            _tell_about_active_content(request, changed.current_paper)
        return redirect(submission)

    return _form_page(request, panel=submission.panel, submission=submission, refusal=refusal, save=save)


@login_required
def detail(request, code):
    submission = lookups.submission_for(request.user, code)
    user = request.user
    return render(request, "submissions/detail.html", {
        "submission": submission,
        "paper": submission.current_paper,
        "may_edit": permissions.can_edit(user, submission),
        "may_upload": permissions.can_upload(user, submission),
        "why_not_submit": permissions.why_not_submit(user, submission),
        "may_withdraw": permissions.can_withdraw(user, submission),
        "is_author": permissions.is_author(user, submission),
        "withdraw_form": WithdrawForm(),
    })


@login_required
def upload(request, code):
    submission, refusal, refused = _change_page(request, code, permissions.why_not_upload)
    if refused:
        return refused
    form = PaperUploadForm(request.POST or None, request.FILES or None, panel=submission.panel)
    status = 200
    if request.method == "POST":
        if refusal is None and form.is_valid():
            try:
                paper = services.paper_upload(submission=submission, by=request.user, paper=form.cleaned_data["paper"])
            except Refused as late:
                refusal = str(late)
            else:
                messages.success(request, _("Version %(version)d of the PDF is saved.") % {"version": paper.version})
                _warn_about_identity(request, paper)
                _tell_about_active_content(request, paper)
                return redirect(submission)
        if refusal is not None:
            form.add_error(None, refusal)
            status = 403
    return render(request, "submissions/upload.html", {
        "submission": submission, "form": form, "kind": permissions.upload_kind(submission),
    }, status=status)


@login_required
@require_POST
def submit(request, code):
    submission = lookups.submission_for(request.user, code)
    try:
        services.submission_submit(submission=submission, by=request.user)
    except Refused as refusal:
        return _refused(request, str(refusal), submission=submission)
    messages.success(request, _("Your paper is submitted. Every author receives a receipt by mail."))
    return redirect(submission)


@login_required
@require_POST
def withdraw(request, code):
    submission = lookups.submission_for(request.user, code)
    if not WithdrawForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm that you want to withdraw the paper."))
        return redirect(submission)
    try:
        services.submission_withdraw(submission=submission, by=request.user)
    except Refused as refusal:
        return _refused(request, str(refusal), submission=submission)
    messages.success(request, _("Your paper was withdrawn."))
    return redirect("submissions:dashboard")


@login_required
def download(request, code, kind, version):
    paper = lookups.paper_file_for(request.user, code, kind=kind, version=version)
    name = f"submission-{paper.submission.number}-{paper.kind.replace('_', '-')}-v{paper.version}.pdf"
    return private_file_response(paper.file, download_name=name)
