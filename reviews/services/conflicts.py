"""Writes of conflicts of interest: storing what detection finds, and the
chairs' additions and lifts (each audited)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from portal.refusals import refuse_if
from portal.workflow import audit_record
from reviews import permissions
from reviews.conflicts import AUTOMATIC_SOURCES, detect_conflicts
from reviews.models import Conflict

BATCH = 2000


@dataclass(frozen=True)
class DetectionReport:
    added: int
    removed: int


def conflicts_detect(*, panel, by) -> DetectionReport:
    """A chair asks for the panel's conflicts to be looked up again now."""
    with transaction.atomic():
        refuse_if(permissions.why_not_manage_reviewers(by, panel))
        return conflicts_refresh(panel=panel, by=by, audit=True)


def conflicts_refresh(*, panel, reviewer_ids=None, by=None, audit: bool = False) -> DetectionReport:
    """Store the conflicts the data shows now, for the whole pool or some reviewers.

    A step of the services that need fresh conflicts (opening bidding, a
    reviewer joining, an assignment, the assigner), taken inside their
    transaction after they checked their own rule; `by` is who set them off
    (None for the assigner running in the background).

    A conflict a chair lifted stays lifted: its row is kept, so detection finds
    it already known and never makes it again. Automatic conflicts that the
    data no longer shows (an author removed, an affiliation changed) go away
    unless lifted, which keeps the record of the lift."""
    found = detect_conflicts(panel, reviewer_ids)
    known = Conflict.objects.filter(submission__panel=panel, source__in=AUTOMATIC_SOURCES)
    if reviewer_ids is not None:
        known = known.filter(reviewer_id__in=list(reviewer_ids))
    with transaction.atomic():
        known_rows = list(known.values_list("pk", "submission_id", "reviewer_id", "source", "lifted_at"))
        known_keys = {(submission_id, reviewer_id, source) for _pk, submission_id, reviewer_id, source, _l in known_rows}
        now = timezone.now()
        new = [
            Conflict(submission_id=fact.submission_id, reviewer_id=fact.reviewer_id, source=fact.source,
                     detail=fact.detail, created_at=now)
            for key, fact in found.items()
            if key not in known_keys
        ]
        Conflict.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
        stale = [
            pk for pk, submission_id, reviewer_id, source, lifted_at in known_rows
            if lifted_at is None and (submission_id, reviewer_id, source) not in found
        ]
        for start in range(0, len(stale), BATCH):
            Conflict.objects.filter(pk__in=stale[start:start + BATCH]).delete()
        if audit or new or stale:
            audit_record(action="conflicts.detected", target=panel, by=by, panel=panel,
                         data={"added": len(new), "removed": len(stale)})
    return DetectionReport(added=len(new), removed=len(stale))


def conflict_add(*, submission, reviewer, by, reason: str = "") -> Conflict:
    """A chair records a conflict the data does not show."""
    with transaction.atomic():
        refuse_if(permissions.why_not_add_conflict(by, submission, reviewer))
        conflict, created = Conflict.objects.select_for_update().get_or_create(
            submission=submission, reviewer=reviewer, source=Conflict.Source.CHAIR,
            defaults={"detail": reason[:300], "created_by": by},
        )
        if not created:
            conflict.detail = reason[:300] or conflict.detail
            conflict.lifted_at = conflict.lifted_by = None
            conflict.created_by = by
            conflict.save(update_fields=["detail", "lifted_at", "lifted_by", "created_by"])
        audit_record(action="conflict.added", target=conflict, by=by, panel=submission.panel,
                     data={"reviewer": reviewer.pk, "submission": submission.pk, "reason": reason[:300]})
    return conflict


def conflict_lift(*, submission, reviewer, by) -> int:
    """A chair decides a pair is not in conflict after all: every active source
    of the pair is lifted, recording who and when. Returns how many were."""
    with transaction.atomic():
        refuse_if(permissions.why_not_lift_conflict(by, submission))
        active = list(
            Conflict.objects.select_for_update().filter(submission=submission, reviewer=reviewer, lifted_at__isnull=True)
        )
        now = timezone.now()
        for conflict in active:
            conflict.lifted_at, conflict.lifted_by = now, by
            conflict.save(update_fields=["lifted_at", "lifted_by"])
            audit_record(action="conflict.lifted", target=conflict, by=by, panel=submission.panel,
                         data={"reviewer": reviewer.pk, "submission": submission.pk, "source": conflict.source})
    return len(active)
