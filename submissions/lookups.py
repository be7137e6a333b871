"""How every page of the author's side finds its object for the user asking:
404 when they may not know it exists, 403 (`Refused`, with the rule's
message) when they may know it but not do this. The one helper per object;
views do not repeat these checks, and services check their own rules."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.refusals import refuse_if
from submissions import permissions
from submissions.models import PaperFile, Submission
from submissions.selectors import with_page_data


def submission_for(user, code) -> Submission:
    """The submission with this code, if the user may know it exists; 404 otherwise."""
    submission = get_object_or_404(with_page_data(Submission.objects.all()), code=code)
    if not permissions.can_view(user, submission):
        raise Http404
    return submission


def paper_file_for(user, code, *, kind: str, version: int) -> PaperFile:
    """A stored version of a submission's PDF: 404 as for the submission, or
    for a version it does not have; 403 when the user may not download it."""
    submission = submission_for(user, code)
    for paper in submission.files.all():
        if paper.kind == kind and paper.version == version:
            refuse_if(permissions.why_not_download(user, paper))
            return paper
    raise Http404
