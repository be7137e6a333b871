"""The lifecycle rules of a submission, all of them: who may see, change,
upload, submit, withdraw and download it, in which state, before which deadline.

Each rule is a pair: `why_not_x(...)` returns the message the user sees when
they may not, or None; `can_x(...)` is its boolean. Deadlines are compared on
the server, at `now` (the present unless a caller passes another moment), and
stated in the conference's time zone, which is the one the call reads them in.

Authors are recognised by their verified email addresses: an `Author` row
whose email is one of them makes the user that author, so a co-author who
signs up later with that address gains access without anyone linking them.
"""

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.deadlines import in_conference_time
from portal.permissions import is_chair, remembered
from submissions.models import PaperFile, Submission

EDITABLE_STATES = frozenset({Submission.State.DRAFT, Submission.State.SUBMITTED})
WITHDRAWABLE_STATES = frozenset({Submission.State.DRAFT, Submission.State.SUBMITTED})
CAMERA_READY_STATES = frozenset({Submission.State.ACCEPTED, Submission.State.REVISE})


def verified_emails(user) -> frozenset[str]:
    """The user's verified addresses, lower-cased."""
    return remembered(user, "verified_emails", lambda: (
        email.lower() for email in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    ))


def is_author(user, submission: Submission) -> bool:
    """One of the paper's authors: its submitter, or a user one of whose
    verified addresses its author list names. The one definition of
    authorship; the reviewing side asks it too (a chair who wrote a paper)."""
    if is_submitter(user, submission):
        return True
    emails = verified_emails(user)
    return bool(emails) and any(author.email in emails for author in submission.authors.all())


def is_submitter(user, submission: Submission) -> bool:
    return user.is_authenticated and submission.created_by_id == user.pk


def _state_label(submission: Submission) -> str:
    return submission.get_state_display()


# The call as a whole -------------------------------------------------------

def new_submissions_close_at(panel):
    """New submissions close at the abstract deadline when the call has one."""
    return panel.abstract_deadline or panel.submission_deadline


def why_call_closed(panel, now=None) -> str | None:
    """Why the call takes no new submission at `now`, for anybody."""
    now = now or timezone.now()
    conference = panel.conference
    if not panel.is_published:
        return _("This call is not published.")
    if panel.state != panel.State.OPEN:
        return _("This call is closed: it takes no new submissions.")
    if now < panel.opens_at:
        return _("This call opens for submissions on %(moment)s.") % {
            "moment": in_conference_time(panel.opens_at, conference),
        }
    closes_at = new_submissions_close_at(panel)
    if now > closes_at:
        if panel.abstract_deadline:
            message = _("The abstract deadline (%(moment)s) has passed: this call takes no new submissions.")
        else:
            message = _("The full-paper deadline (%(moment)s) has passed: this call takes no new submissions.")
        return message % {"moment": in_conference_time(closes_at, conference)}
    return None


def why_not_start(user, panel, now=None) -> str | None:
    if not user.is_authenticated:
        return _("Log in or sign up to submit a paper.")
    return why_call_closed(panel, now)


def can_start(user, panel, now=None) -> bool:
    return why_not_start(user, panel, now) is None


# One submission ------------------------------------------------------------

def why_not_view(user, submission: Submission) -> str | None:
    """Authors see their submission in every state; the panel's chairs once it is submitted."""
    if is_author(user, submission):
        return None
    if submission.state != Submission.State.DRAFT and is_chair(user, submission.panel):
        return None
    return _("This submission is not yours.")


def can_view(user, submission: Submission) -> bool:
    return why_not_view(user, submission) is None


def _why_not_act_as_author(user, submission: Submission) -> str | None:
    if not is_author(user, submission):
        return _("Only the paper's authors may change it.")
    if not submission.panel.coauthors_may_edit and not is_submitter(user, submission):
        return _("In this call only the author who created the submission may change it.")
    return None


def _why_past_full_paper_deadline(submission: Submission, now) -> str | None:
    panel = submission.panel
    if now > panel.submission_deadline:
        return _("The full-paper deadline (%(moment)s) has passed: the submission can no longer be changed.") % {
            "moment": in_conference_time(panel.submission_deadline, panel.conference),
        }
    return None


def why_not_edit(user, submission: Submission, now=None) -> str | None:
    now = now or timezone.now()
    refusal = _why_not_act_as_author(user, submission)
    if refusal:
        return refusal
    if submission.state not in EDITABLE_STATES:
        return _("A submission in the state “%(state)s” can no longer be changed.") % {"state": _state_label(submission)}
    return _why_past_full_paper_deadline(submission, now)


def can_edit(user, submission: Submission, now=None) -> bool:
    return why_not_edit(user, submission, now) is None


def upload_kind(submission: Submission) -> str:
    """What an upload is at this point of the lifecycle: a new version of the
    paper before a decision, the camera-ready copy after acceptance."""
    if submission.state in CAMERA_READY_STATES:
        return PaperFile.Kind.CAMERA_READY
    return PaperFile.Kind.PAPER


def why_not_upload(user, submission: Submission, now=None) -> str | None:
    now = now or timezone.now()
    if upload_kind(submission) == PaperFile.Kind.PAPER:
        return why_not_edit(user, submission, now)
    refusal = _why_not_act_as_author(user, submission)
    if refusal:
        return refusal
    panel = submission.panel
    if panel.camera_ready_deadline is None:
        return _("This call has not opened camera-ready uploads yet.")
    if now > panel.camera_ready_deadline:
        return _("The camera-ready deadline (%(moment)s) has passed.") % {
            "moment": in_conference_time(panel.camera_ready_deadline, panel.conference),
        }
    return None


def can_upload(user, submission: Submission, now=None) -> bool:
    return why_not_upload(user, submission, now) is None


def can_upload_camera_ready(user, submission: Submission, now=None) -> bool:
    """The upload open now is the camera-ready copy of an accepted paper."""
    return upload_kind(submission) == PaperFile.Kind.CAMERA_READY and can_upload(user, submission, now)


def why_not_submit(user, submission: Submission, now=None) -> str | None:
    now = now or timezone.now()
    if submission.state != Submission.State.DRAFT:
        return _("This submission was already submitted.") if submission.state == Submission.State.SUBMITTED else (
            _("A submission in the state “%(state)s” cannot be submitted.") % {"state": _state_label(submission)}
        )
    refusal = why_not_edit(user, submission, now)
    if refusal:
        return refusal
    if submission.current_paper is None:
        return _("Upload the paper (PDF) before submitting.")
    if not any(author.is_corresponding for author in submission.authors.all()):
        return _("Mark one author as the corresponding author before submitting.")
    return None


def can_submit(user, submission: Submission, now=None) -> bool:
    return why_not_submit(user, submission, now) is None


def why_not_withdraw(user, submission: Submission) -> str | None:
    """Withdrawing is possible at any time before a decision, even after the deadline."""
    refusal = _why_not_act_as_author(user, submission)
    if refusal:
        return refusal
    if submission.state not in WITHDRAWABLE_STATES:
        if submission.state == Submission.State.WITHDRAWN:
            return _("This submission was already withdrawn.")
        return _("A decided submission can no longer be withdrawn; write to the panel's chairs.")
    return None


def can_withdraw(user, submission: Submission) -> bool:
    return why_not_withdraw(user, submission) is None


def why_not_download(user, paper: PaperFile) -> str | None:
    """The authors' own files, with their metadata, go to the authors and the
    panel's chairs; reviewers get the metadata-stripped copy through reviews."""
    return why_not_view(user, paper.submission)


def can_download(user, paper: PaperFile) -> bool:
    return why_not_download(user, paper) is None
