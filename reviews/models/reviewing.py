"""Review forms (versioned per panel), reviews, their scores and their history.

A panel's review form is a series of versions. A review points at the version
it was written on, and a version that a review points at is never changed: a
chair's edit then makes a new version, so a submitted score keeps the scale
and the labels it was given on. Scores are rows (one per review × criterion)
and the overall recommendation and confidence are also copied onto the review,
so the chair's dashboard aggregates them in SQL.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from portal.models import Panel
from submissions.models import Submission


class ReviewForm(models.Model):
    """One version of a panel's review form."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="review_forms")
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("review form")
        verbose_name_plural = _("review forms")
        ordering = ["panel", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "version"], name="review_form_version_unique"),
        ]

    def __str__(self):
        return f"{self.panel} · v{self.version}"


class Criterion(models.Model):
    """A scored question of a review form, on a scale of labelled integer points.

    `key` names the criterion across versions: scores with the same key are
    averaged together, so a key's scale never changes once scores exist.
    """

    class Role(models.TextChoices):
        SCORE = "score", _("score")
        OVERALL = "overall", _("overall recommendation")
        CONFIDENCE = "confidence", _("reviewer confidence")

    form = models.ForeignKey(ReviewForm, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(_("key"), max_length=40)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.SCORE)
    label = models.CharField(_("label"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    scale_min = models.SmallIntegerField(_("lowest point"))
    scale_max = models.SmallIntegerField(_("highest point"))
    point_labels = models.JSONField(_("labels of the points"), default=dict, blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["form", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "key"], name="criterion_key_unique_per_form"),
            models.UniqueConstraint(
                fields=["form", "role"], condition=~models.Q(role="score"), name="criterion_one_overall_and_confidence",
            ),
            models.CheckConstraint(condition=models.Q(scale_min__lt=models.F("scale_max")), name="criterion_scale_bounds"),
        ]

    def __str__(self):
        return self.display_label

    @property
    def display_label(self) -> str:
        """The default criteria were stored in English; they show in the reader's language."""
        return gettext(self.label) if self.label else ""

    @property
    def display_description(self) -> str:
        return gettext(self.description) if self.description else ""

    @property
    def points(self) -> list[tuple[int, str]]:
        return [
            (value, gettext(self.point_labels[str(value)]) if self.point_labels.get(str(value)) else "")
            for value in range(self.scale_min, self.scale_max + 1)
        ]

    def point_label(self, value) -> str:
        if value is None:
            return ""
        label = self.point_labels.get(str(value))
        return f"{value} ({gettext(label)})" if label else str(value)


class ReviewQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(state=Review.State.SUBMITTED)


class Review(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    form = models.ForeignKey(ReviewForm, on_delete=models.PROTECT, related_name="reviews")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    comments_to_authors = models.TextField(_("comments to the authors"), blank=True)
    confidential_comments = models.TextField(_("confidential comments to the chairs"), blank=True)
    # Copies of the scores of the form's overall and confidence criteria.
    overall = models.SmallIntegerField(null=True, blank=True)
    confidence = models.SmallIntegerField(null=True, blank=True)
    # Changes to a submitted review saved automatically but not submitted yet.
    pending_edit = models.ForeignKey(
        "ReviewVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["submission", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="review_once_per_reviewer_and_paper"),
            models.CheckConstraint(
                condition=models.Q(state="draft")
                | models.Q(overall__isnull=False, confidence__isnull=False, submitted_at__isnull=False),
                name="submitted_review_is_complete",
            ),
        ]
        indexes = [
            # The chair's dashboard: each paper's counts and means of its submitted reviews
            # come from this index alone (the scores are in it), for every paper of the panel.
            models.Index(fields=["submission", "state", "overall", "confidence"], name="review_paper_scores_idx"),
            models.Index(fields=["reviewer", "state"], name="review_reviewer_state_idx"),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.submission}"

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_once_per_criterion"),
        ]

    def __str__(self):
        return f"{self.criterion.key}={self.value}"


class ReviewVersion(models.Model):
    """What a review said at one save. Every explicit save and every
    submission is a version of its own; saves made automatically in between
    update the newest automatic version, so typing does not make hundreds."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    form = models.ForeignKey(ReviewForm, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=Review.State.choices)
    scores = models.JSONField(default=dict, blank=True, help_text=_("Criterion key → point."))
    comments_to_authors = models.TextField(blank=True)
    confidential_comments = models.TextField(blank=True)
    autosaved = models.BooleanField(default=False)
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["review", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="review_version_number_unique"),
        ]

    def __str__(self):
        return f"{self.review} v{self.number}"
