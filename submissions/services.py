"""Every write of the author's side: create, change, submit and withdraw a
submission, and upload a version of its paper.

Each function takes the acting user (`by`), checks its rule of
`submissions.permissions` inside its transaction under the submission's row
lock (so a request racing a deadline keeps the rule) and raises
`portal.refusals.Refused` with the rule's message; it writes inside that one transaction, records an audit event and queues
the authors' mail in that same transaction. Files stored by a write that then
fails are deleted again, so a failure leaves neither rows nor files behind.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NotRequired, TypedDict

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from portal.mail.queue import Recipient, mail_queue_many
from portal.models import Panel
from portal.refusals import refuse_if
from portal.workflow import audit_record, transition
from submissions import pdf, permissions
from submissions.models import Author, DeclaredConflict, PaperFile, Submission

# The authors' edges of the lifecycle; who may take each is submissions.permissions'
# business. The decision edges (submitted to accepted, revise or rejected) are the
# reviewing side's, taken when chairs release their decisions
# (reviews.models.decisions.DECISION_TRANSITIONS).
TRANSITIONS = {
    Submission.State.DRAFT: {Submission.State.SUBMITTED, Submission.State.WITHDRAWN},
    Submission.State.SUBMITTED: {Submission.State.WITHDRAWN},
}
AUTHOR_FIELDS = ("position", "name", "affiliation", "country", "orcid", "is_corresponding", "mail_language")
DETAIL_FIELDS = (
    "title", "abstract", "keywords", "addresses_other_question", "language",
    "second_language", "second_title", "second_abstract", "second_keywords",
)


class AuthorData(TypedDict):
    name: str
    email: str
    affiliation: str
    country: str
    orcid: str
    is_corresponding: bool
    mail_language: NotRequired[str]  # for an author without an account; "" for the paper's language


class ConflictData(TypedDict):
    name: str
    email: str
    institution: str
    reason: str


@contextmanager
def _stored_files_removed_on_failure() -> Iterator[list[str]]:
    """Collects the names of files a write stores; deletes them if the write fails."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def submission_create(
    *, panel: Panel, by, details: dict, topics, authors: list[AuthorData], conflicts: list[ConflictData],
    paper: pdf.CheckedPdf | None = None, now=None,
) -> Submission:
    """A new draft in `panel`, numbered next in the panel, with its authors,
    declared conflicts and (optionally) the first version of its paper."""
    now = now or timezone.now()
    with _stored_files_removed_on_failure() as stored, transaction.atomic():
        # The panel row's lock serialises numbering within the panel.
        Panel.objects.select_for_update().only("pk").get(pk=panel.pk)
        refuse_if(permissions.why_not_start(by, panel, now))
        number = (panel.submissions.aggregate(highest=Max("number"))["highest"] or 0) + 1
        submission = Submission.objects.create(
            panel=panel, number=number, created_by=by, **{name: details[name] for name in DETAIL_FIELDS},
        )
        submission.topics.set(topics)
        _authors_replace(submission, authors)
        _conflicts_replace(submission, conflicts)
        if paper is not None:
            _paper_store(submission, paper, by=by, kind=PaperFile.Kind.PAPER, stored=stored)
        audit_record(action="submission.created", target=submission, by=by, panel=panel, to_state=submission.state)
    return submission


def submission_update(
    *, submission: Submission, by, details: dict, topics, authors: list[AuthorData],
    conflicts: list[ConflictData], paper: pdf.CheckedPdf | None = None, now=None,
) -> Submission:
    """Change a submission before its deadline; a submitted one sends every
    author a receipt (and a newly listed author the news they were added)."""
    now = now or timezone.now()
    with _stored_files_removed_on_failure() as stored, transaction.atomic():
        submission = _locked(submission)
        refuse_if(permissions.why_not_edit(by, submission, now))
        changed = [name for name in DETAIL_FIELDS if getattr(submission, name) != details[name]]
        for name in DETAIL_FIELDS:
            setattr(submission, name, details[name])
        submission.save()
        if {topic.pk for topic in submission.topics.all()} != {topic.pk for topic in topics}:
            submission.topics.set(topics)
            changed.append("topics")
        emails_before = [author.email for author in submission.authors.all()]
        if _authors_replace(submission, authors):
            changed.append("authors")
        if _conflicts_replace(submission, conflicts):
            changed.append("declared_conflicts")
        new_file = None
        if paper is not None:
            new_file = _paper_store(submission, paper, by=by, kind=PaperFile.Kind.PAPER, stored=stored)
            changed.append("paper")
        elif "authors" in changed:
            _identity_findings_refresh(submission)
        if not changed:
            return submission
        audit_record(action="submission.changed", target=submission, by=by, panel=submission.panel,
                     data={"fields": changed})
        if submission.state != Submission.State.DRAFT:
            _mail_authors(submission, event="changed", at=now, by=by, paper=new_file, already_listed=emails_before)
    return submission


def paper_upload(*, submission: Submission, by, paper: pdf.CheckedPdf, now=None) -> PaperFile:
    """Store a new version of the paper (or, after acceptance, of the
    camera-ready copy); earlier versions are kept."""
    now = now or timezone.now()
    with _stored_files_removed_on_failure() as stored, transaction.atomic():
        submission = _locked(submission)
        refuse_if(permissions.why_not_upload(by, submission, now))
        kind = permissions.upload_kind(submission)
        new_file = _paper_store(submission, paper, by=by, kind=kind, stored=stored)
        audit_record(action="submission.uploaded", target=submission, by=by, panel=submission.panel,
                     data={"kind": kind, "version": new_file.version, "sha256": new_file.sha256})
        if submission.state != Submission.State.DRAFT:
            _mail_authors(submission, event="uploaded", at=now, by=by, paper=new_file)
    return new_file


def submission_submit(*, submission: Submission, by, now=None) -> Submission:
    now = now or timezone.now()
    with transaction.atomic():
        submission = _locked(submission)
        refuse_if(permissions.why_not_submit(by, submission, now))
        transition(submission, to=Submission.State.SUBMITTED, by=by, allowed=TRANSITIONS, panel=submission.panel,
                   submitted_at=now)
        _mail_authors(submission, event="submitted", at=now, by=by,
                      already_listed=list(permissions.verified_emails(by)))
    return submission


def submission_withdraw(*, submission: Submission, by, now=None) -> Submission:
    now = now or timezone.now()
    with transaction.atomic():
        submission = _locked(submission)
        refuse_if(permissions.why_not_withdraw(by, submission))
        was_draft = submission.state == Submission.State.DRAFT
        transition(submission, to=Submission.State.WITHDRAWN, by=by, allowed=TRANSITIONS, panel=submission.panel,
                   withdrawn_at=now)
        if not was_draft:
            _mail_authors(submission, event="withdrawn", at=now, by=by)
    return submission


# Pieces ---------------------------------------------------------------------

def _locked(submission: Submission) -> Submission:
    """The submission re-read under a row lock, with what the rules look at."""
    locked = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("panel__conference", "created_by")
        .get(pk=submission.pk)
    )
    return locked


def _authors_replace(submission: Submission, authors: list[AuthorData]) -> bool:
    """Make the author list exactly `authors`, in order. True when it changed.
    A fixed number of queries however long the list: one delete, one insert
    and one update for all the authors removed, added and changed."""
    existing = {author.email: author for author in submission.authors.all()}
    wanted_emails = [data["email"].strip().lower() for data in authors]
    changed = list(existing) != wanted_emails
    removed = [author.pk for email, author in existing.items() if email not in wanted_emails]
    if removed:
        Author.objects.filter(pk__in=removed).delete()
    # Clear the corresponding mark first: at most one author may carry it at any moment.
    if any(author.is_corresponding for author in existing.values()):
        submission.authors.filter(is_corresponding=True).update(is_corresponding=False)
    added, updated = [], []
    for position, data in enumerate(authors, start=1):
        email = data["email"].strip().lower()
        values = {
            "position": position, "name": data["name"].strip(), "affiliation": data.get("affiliation", "").strip(),
            "country": data.get("country", ""), "orcid": data.get("orcid", ""),
            "is_corresponding": data["is_corresponding"], "mail_language": data.get("mail_language", ""),
        }
        author = existing.get(email)
        if author is None:
            added.append(Author(submission=submission, email=email, **values))
            continue
        if any(getattr(author, name) != value for name, value in values.items()):
            changed = True
        for name, value in values.items():
            setattr(author, name, value)
        updated.append(author)
    if updated:
        # Every kept author: the corresponding mark was cleared in the database above.
        Author.objects.bulk_update(updated, fields=AUTHOR_FIELDS)
    if added:
        Author.objects.bulk_create(added)
    if hasattr(submission, "_prefetched_objects_cache"):
        submission._prefetched_objects_cache.pop("authors", None)
    return changed


def _conflicts_replace(submission: Submission, conflicts: list[ConflictData]) -> bool:
    def key(item):
        return (item["name"].strip(), item["email"].strip().lower(), item["institution"].strip(), item["reason"].strip())

    before = [key({"name": c.name, "email": c.email, "institution": c.institution, "reason": c.reason})
              for c in submission.declared_conflicts.all()]
    after = [key(data) for data in conflicts]
    if before == after:
        return False
    submission.declared_conflicts.all().delete()
    DeclaredConflict.objects.bulk_create([
        DeclaredConflict(submission=submission, name=name, email=email, institution=institution, reason=reason)
        for name, email, institution, reason in after
    ])
    return True


def _identity_terms(submission: Submission) -> dict:
    authors = list(submission.authors.all())
    return {
        "names": [author.name for author in authors],
        "emails": [author.email for author in authors],
        "orcids": [author.orcid for author in authors if author.orcid],
    }


def _paper_store(submission: Submission, checked: pdf.CheckedPdf, *, by, kind: str, stored: list[str]) -> PaperFile:
    """Write one new version: the file, its checksum and pages, the active
    content found, what the identity check found (double-blind calls) and the
    reviewers' copy (every call: no metadata, active content or annotation text)."""
    highest = submission.files.filter(kind=kind).aggregate(highest=Max("version"))["highest"] or 0
    paper = PaperFile(
        submission=submission, kind=kind, version=highest + 1, original_name=checked.name[:255],
        size=checked.size, sha256=checked.sha256, pages=checked.pages, uploaded_by=by,
        active_content=checked.active_content,
    )
    if submission.panel.double_blind:
        paper.anonymity_findings = pdf.identity_findings(checked, **_identity_terms(submission))
    paper.file.save("paper.pdf", ContentFile(checked.data), save=False)
    stored.append(paper.file.name)
    paper.blind_copy.save("paper.pdf", ContentFile(pdf.reviewers_copy(checked)), save=False)
    stored.append(paper.blind_copy.name)
    paper.save()
    if hasattr(submission, "_prefetched_objects_cache"):
        submission._prefetched_objects_cache.pop("files", None)
    return paper


def _identity_findings_refresh(submission: Submission) -> None:
    """The author list changed: look for the new list in the current paper."""
    current = submission.current_paper
    if current is None or not submission.panel.double_blind:
        return
    with current.file.open("rb") as stored_file:
        data = stored_file.read()
    try:
        checked = pdf.inspect_pdf_bytes(data, name=current.original_name, page_limit=max(current.pages, 1),
                                        read_text=True)
    except pdf.PdfRejected:  # past the budget now (a busier machine): the findings of the upload stand
        return
    current.anonymity_findings = pdf.identity_findings(checked, **_identity_terms(submission))
    current.save(update_fields=["anonymity_findings"])


def _mail_authors(submission: Submission, *, event: str, at, by, paper: PaperFile | None = None,
                  already_listed: list[str] | None = None) -> None:
    """A receipt to every author of the paper, and only to them. Authors not
    on the paper before this change (or submission) are told they were added."""
    authors = list(submission.authors.order_by("position"))
    paper = paper or submission.files.filter(kind=PaperFile.Kind.PAPER).order_by("-version").first()
    context = {
        "submission": submission, "authors": authors, "paper": paper, "event": event, "at": at, "by": by,
        "url": settings.SITE_URL + submission.get_absolute_url(),
    }
    listed_before = {email.lower() for email in (already_listed or [])}
    mail_queue_many(panel=submission.panel, mails=[
        (
            "submission_coauthor_added" if already_listed is not None and author.email not in listed_before
            else "submission_receipt",
            Recipient(to=author.email, context={**context, "author": author}, related=submission,
                      language_without_account=author.language_for_mail),
        )
        for author in authors
    ])
