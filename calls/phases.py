"""Which phase each panel is in and what comes next, with the counts that
say how far it has gone: one line per panel, read for many panels at once in
a fixed number of grouped queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Panel
from reviews.models import Assignment, Bid, Decision, Review, ReviewerInvitation
from submissions.models import PaperFile, Submission

IN_THE_RUNNING = (Submission.State.SUBMITTED, Submission.State.ACCEPTED, Submission.State.REJECTED,
                  Submission.State.REVISE)

PHASES = {
    "draft": _("Draft: the call is not open yet"),
    "call": _("Call open"),
    "pool": _("Reviewer pool"),
    "bidding": _("Bidding"),
    "assignment": _("Assignment"),
    "reviewing": _("Reviewing"),
    "decisions": _("Decisions"),
    "camera_ready": _("Camera-ready"),
    "done": _("Done"),
    "archived": _("Archived"),
}
ORDER = list(PHASES)


@dataclass
class PhaseRow:
    panel: Panel
    counts: Counter = field(default_factory=Counter)
    phase: str = "draft"

    @property
    def label(self):
        return PHASES[self.phase]

    @property
    def next_label(self):
        index = ORDER.index(self.phase)
        return PHASES[ORDER[index + 1]] if self.phase not in ("done", "archived") and index + 1 < len(ORDER) - 1 else ""

    def is_current(self, phase: str) -> bool:
        return phase == self.phase


def _grouped(queryset, panel_field: str, **counts) -> dict[int, dict]:
    rows = queryset.values(panel_field).annotate(**counts).order_by()
    return {row[panel_field]: row for row in rows}


def _counts(panel_ids: list[int], now) -> dict[int, Counter]:
    counts: dict[int, Counter] = defaultdict(Counter)
    papers = Submission.objects.filter(panel_id__in=panel_ids)
    for panel_id, row in _grouped(papers, "panel_id",
                                  drafts=Count("pk", filter=Q(state=Submission.State.DRAFT)),
                                  submitted=Count("pk", filter=Q(state__in=IN_THE_RUNNING))).items():
        counts[panel_id].update(row)
    for panel_id, row in _grouped(ReviewerInvitation.objects.filter(panel_id__in=panel_ids), "panel_id",
                                  invited=Count("pk"),
                                  accepted=Count("pk", filter=Q(state=ReviewerInvitation.State.ACCEPTED))).items():
        counts[panel_id].update(row)
    for panel_id, row in _grouped(Bid.objects.filter(submission__panel_id__in=panel_ids), "submission__panel_id",
                                  bidders=Count("reviewer", distinct=True)).items():
        counts[panel_id].update(row)
    running = papers.filter(state__in=IN_THE_RUNNING)
    assigned = running.annotate(n=Count("assignments")).values_list("panel_id", "n", "panel__reviews_per_paper")
    for panel_id, n, wanted in assigned:
        counts[panel_id]["short"] += n < wanted
    submitted_review = Review.objects.filter(submission=OuterRef("submission"), reviewer=OuterRef("reviewer"),
                                             state=Review.State.SUBMITTED)
    open_assignments = Assignment.objects.filter(submission__in=running).exclude(Exists(submitted_review))
    for panel_id, row in _grouped(open_assignments, "submission__panel_id", due=Count("pk", distinct=True),
                                  late=Count("pk", distinct=True, filter=Q(submission__panel__review_deadline__lt=now))).items():
        counts[panel_id].update(row)
    for panel_id, row in _grouped(Decision.objects.filter(submission__panel_id__in=panel_ids), "submission__panel_id",
                                  decided=Count("pk"), released=Count("pk", filter=Q(released_at__isnull=False))).items():
        counts[panel_id].update(row)
    camera = PaperFile.objects.filter(submission__panel_id__in=panel_ids, kind=PaperFile.Kind.CAMERA_READY)
    for panel_id, row in _grouped(camera, "submission__panel_id", uploaded=Count("submission", distinct=True)).items():
        counts[panel_id].update(row)
    return counts


def _phase(panel: Panel, counts: Counter, now) -> str:
    if panel.state in (Panel.State.DRAFT, Panel.State.ARCHIVED):
        return str(panel.state)
    if panel.state == Panel.State.OPEN and now <= panel.submission_deadline:
        return "call"
    if counts["decided"] and (counts["released"] < counts["decided"] or counts["decided"] < counts["submitted"]):
        return "decisions"
    if counts["released"]:
        late = panel.camera_ready_deadline and now > panel.camera_ready_deadline
        return "done" if late else "camera_ready"
    if counts["due"]:
        return "reviewing"
    if panel.bidding_deadline and now <= panel.bidding_deadline:
        return "bidding"
    if counts["short"] and counts["accepted"]:
        return "assignment"
    if counts["submitted"] and not counts["accepted"]:
        return "pool"
    return "decisions" if counts["submitted"] else "done"


def phase_rows(panels: list[Panel], now=None) -> list[PhaseRow]:
    now = now or timezone.now()
    counts = _counts([panel.pk for panel in panels], now) if panels else {}
    rows = []
    for panel in panels:
        row = PhaseRow(panel=panel, counts=counts.get(panel.pk, Counter()))
        row.phase = _phase(panel, row.counts, now)
        rows.append(row)
    return rows
