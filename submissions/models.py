"""The author's side: a submission to a panel's call, its authors, its files
and the conflicts its authors declare."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.files import private_upload_path
from portal.models import PaperLanguage, Panel, Topic
from portal.validators import validate_orcid


class SubmissionQuerySet(models.QuerySet):
    def active(self):
        """Submissions still in the running (not drafts, not withdrawn)."""
        return self.exclude(state__in=[Submission.State.DRAFT, Submission.State.WITHDRAWN])


class Submission(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        REVISE = "revise", _("accepted with revisions")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveIntegerField(_("number"), help_text=_("Numbered from 1 within the panel."))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)

    title = models.CharField(_("title"), max_length=300)
    abstract = models.TextField(_("abstract"))
    keywords = models.JSONField(_("keywords"), default=list)
    topics = models.ManyToManyField(Topic, related_name="submissions", verbose_name=_("topics"), blank=True)
    addresses_other_question = models.BooleanField(_("addresses another related question"), default=False)

    language = models.CharField(_("language of the paper"), max_length=5, choices=PaperLanguage.choices)
    second_language = models.CharField(
        _("second language"), max_length=5, choices=PaperLanguage.choices, blank=True,
    )
    second_title = models.CharField(_("title in the second language"), max_length=300, blank=True)
    second_abstract = models.TextField(_("abstract in the second language"), blank=True)
    second_keywords = models.JSONField(_("keywords in the second language"), default=list, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="created_submissions",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["panel", "number"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "number"], name="submission_number_unique_per_panel"),
        ]
        indexes = [models.Index(fields=["panel", "state"], name="submission_panel_state_idx")]

    def __str__(self):
        return f"#{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("submissions:detail", kwargs={"code": self.code})

    @property
    def is_decided(self) -> bool:
        return self.state in {self.State.ACCEPTED, self.State.REJECTED, self.State.REVISE}

    @property
    def current_paper(self) -> "PaperFile | None":
        """The newest paper version, the one reviewed (uses prefetched files when there are)."""
        return next((paper for paper in self.files.all() if paper.kind == PaperFile.Kind.PAPER), None)


class Author(models.Model):
    """An author as printed on the paper; linked to an account by verified email."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="authors")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True)
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True, validators=[validate_orcid])
    is_corresponding = models.BooleanField(_("corresponding author"), default=False)
    mail_language = models.CharField(
        _("language of mail"), max_length=10, choices=settings.LANGUAGES, blank=True,
        help_text=_("For an author without an account: every mail about this paper is in this language."),
    )

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["submission", "position"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "email"], name="author_email_unique_per_submission"),
            models.UniqueConstraint(
                fields=["submission"], condition=models.Q(is_corresponding=True),
                name="one_corresponding_author_per_submission",
            ),
        ]
        indexes = [models.Index(fields=["email"], name="author_email_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def language_for_mail(self) -> str:
        """The language of every mail about the paper to this author if they
        have no account: the one the corresponding author chose for them,
        else the submitter's, so that one paper's mails never change language."""
        submitter = self.submission.created_by
        return self.mail_language or (submitter.language if submitter else settings.LANGUAGE_CODE)


def paper_upload_path(instance, filename):
    return private_upload_path("papers")


def blind_copy_upload_path(instance, filename):
    return private_upload_path("papers-blind")


class PaperFile(models.Model):
    """One uploaded version of the paper (or its camera-ready). Versions are
    never overwritten; the newest of a kind is the current one."""

    class Kind(models.TextChoices):
        PAPER = "paper", _("paper")
        CAMERA_READY = "camera_ready", _("camera-ready")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PAPER)
    version = models.PositiveIntegerField(_("version"), default=1, help_text=_("Numbered from 1 per kind of file."))
    file = models.FileField(upload_to=paper_upload_path, max_length=200)
    blind_copy = models.FileField(
        upload_to=blind_copy_upload_path, max_length=200, blank=True,
        help_text=_("The copy served to reviewers: no metadata, no active content, no annotation text."),
    )
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField()
    anonymity_findings = models.JSONField(default=list, blank=True)
    # The kinds of active content the check found ("javascript", "launch", "uri",
    # "submit_form", "embedded_file", "media"); the reviewers' copy has none of them.
    active_content = models.JSONField(default=list, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["submission", "-uploaded_at", "-id"]
        get_latest_by = "uploaded_at"
        indexes = [models.Index(fields=["submission", "kind", "-uploaded_at"], name="paperfile_latest_idx")]
        constraints = [
            models.UniqueConstraint(fields=["submission", "kind", "version"], name="paperfile_version_unique"),
        ]

    def __str__(self):
        return f"{self.original_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("submissions:download", kwargs={
            "code": self.submission.code, "kind": self.kind, "version": self.version,
        })


class DeclaredConflict(models.Model):
    """A person or institution the authors ask not to be reviewed by."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="declared_conflicts")
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    institution = models.CharField(_("institution"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("declared conflict")
        verbose_name_plural = _("declared conflicts")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name="", email="", institution=""),
                name="declared_conflict_names_someone",
            ),
        ]

    def __str__(self):
        return self.name or self.email or self.institution


class DraftReminder(models.Model):
    """A reminder to the authors of a draft not yet submitted, sent once per
    deadline and lead time: the unique row, written with the mail, lets only
    one run through."""

    class Lead(models.TextChoices):
        TWO_DAYS = "48h", _("48 hours before the deadline")
        SIX_HOURS = "6h", _("6 hours before the deadline")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="draft_reminders")
    deadline = models.DateTimeField(_("deadline"))
    lead = models.CharField(_("sent"), max_length=4, choices=Lead.choices)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("draft reminder")
        verbose_name_plural = _("draft reminders")
        constraints = [
            models.UniqueConstraint(fields=["submission", "deadline", "lead"], name="draft_reminder_once"),
        ]

    def __str__(self):
        return f"{self.submission} ({self.lead})"
