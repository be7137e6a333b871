"""Proposals of the automatic assigner: computed, reviewed by the chairs, and
only then committed as assignments."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Panel
from submissions.models import Submission


class AssignmentProposal(models.Model):
    audit_entity = "proposal"  # portal.workflow names its audit actions "proposal.<state>"

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to run")
        RUNNING = "running", _("running")
        READY = "ready", _("ready for review")
        FAILED = "failed", _("could not be computed")
        COMMITTED = "committed", _("committed")
        DISCARDED = "discarded", _("discarded")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="assignment_proposals")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    reviewers_per_paper = models.PositiveSmallIntegerField(_("reviewers per paper"), default=3)
    min_load = models.PositiveSmallIntegerField(
        _("minimum papers per reviewer"), default=0,
        help_text=_("Every reviewer gets at least this many papers, where their own maximum allows."),
    )
    max_load = models.PositiveSmallIntegerField(
        _("maximum papers per reviewer"), null=True, blank=True,
        help_text=_("A cap for everyone; each reviewer's own maximum still applies. Leave empty for no cap."),
    )

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text=_("Percent done."))
    progress_note = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    objective = models.FloatField(null=True, blank=True)
    proven_optimal = models.BooleanField(default=False)
    stats = models.JSONField(default=dict, blank=True)
    shortfalls = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("assignment proposal")
        verbose_name_plural = _("assignment proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_load__isnull=True) | models.Q(min_load__lte=models.F("max_load")),
                name="proposal_load_bounds",
            ),
        ]

    def __str__(self):
        return f"{self.panel} proposal of {self.created_at:%Y-%m-%d %H:%M} ({self.state})"

    @property
    def is_running(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.RUNNING}


class ProposedAssignment(models.Model):
    """One (paper, reviewer) pair of a proposal, with why it was chosen."""

    proposal = models.ForeignKey(AssignmentProposal, on_delete=models.CASCADE, related_name="pairs")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    affinity = models.FloatField()
    explanation = models.JSONField(default=dict, blank=True)
    is_existing = models.BooleanField(default=False, help_text=_("Already assigned before the proposal."))

    class Meta:
        ordering = ["proposal", "submission__number", "-affinity"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "submission", "reviewer"], name="proposed_pair_once"),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.submission}"
