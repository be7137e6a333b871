"""The chairs' decision on a paper, and whether the authors have been told."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.models import Submission


class Decision(models.Model):
    class Outcome(models.TextChoices):
        ACCEPT = "accept", _("accepted")
        REVISE = "revise", _("accepted with revisions")
        REJECT = "reject", _("rejected")

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    note = models.TextField(
        _("note to the authors"), blank=True,
        help_text=_("Sent to the authors with the decision and the reviewers' comments."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    decided_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [models.Index(fields=["released_at"], name="decision_released_idx")]

    def __str__(self):
        return f"{self.submission}: {self.get_outcome_display()}"

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    @property
    def submission_state(self) -> str:
        """The state a submission takes when this decision is released."""
        return OUTCOME_STATES[self.outcome]


OUTCOME_STATES = {
    Decision.Outcome.ACCEPT: Submission.State.ACCEPTED,
    Decision.Outcome.REVISE: Submission.State.REVISE,
    Decision.Outcome.REJECT: Submission.State.REJECTED,
}
# The edges of a submission's lifecycle that releasing a decision takes
# (portal.workflow.transition); the authors' edges are submissions.services.TRANSITIONS.
DECISION_TRANSITIONS = {Submission.State.SUBMITTED: set(OUTCOME_STATES.values())}
