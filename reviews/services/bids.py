"""Bids, and the bidding phase chairs open and close."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.refusals import Refused, refuse_if
from portal.workflow import audit_record
from reviews import permissions
from reviews.models import Bid, BiddingPhase, Conflict
from reviews.services.conflicts import conflicts_refresh


def bidding_set(*, panel, is_open: bool, closes_at, by) -> BiddingPhase:
    """Open or close bidding. Opening looks up conflicts first, so no paper
    a reviewer conflicts with shows on their bidding page."""
    with transaction.atomic():
        refuse_if(permissions.why_not_manage_reviewers(by, panel))
        phase, _created = BiddingPhase.objects.select_for_update().get_or_create(panel=panel)
        was_open = phase.is_open
        phase.is_open, phase.closes_at = is_open, closes_at
        phase.changed_at, phase.changed_by = timezone.now(), by
        phase.save()
        audit_record(action="bidding.opened" if is_open else "bidding.closed", target=phase, by=by, panel=panel,
                     from_state="open" if was_open else "closed", to_state="open" if is_open else "closed",
                     data={"closes_at": closes_at.isoformat() if closes_at else None})
        if is_open:
            conflicts_refresh(panel=panel, by=by)
    panel.bidding = phase
    return phase


def bids_save(*, panel, reviewer, values: dict, by) -> int:
    """Store a reviewer's bids, {submission: value}; an empty value clears a bid.

    "In conflict" is the reviewer's own declaration of a conflict: it is
    recorded as such, so the paper leaves their list and is never assigned
    to them. Returns how many bids changed."""
    now = timezone.now()
    with transaction.atomic():
        refuse_if(permissions.why_not_bid(by, panel))
        if by != reviewer:
            raise Refused(_("Reviewers bid for themselves only."))
        current = {
            bid.submission_id: bid
            for bid in Bid.objects.select_for_update().filter(reviewer=reviewer, submission__in=list(values))
        }
        changed, cleared, declared = [], [], []
        for submission, value in values.items():
            previous = current.get(submission.pk)
            if not value:
                if previous is not None:
                    cleared.append(previous.pk)
                continue
            if previous is not None and previous.value == value:
                continue
            changed.append(Bid(submission=submission, reviewer=reviewer, value=value, updated_at=now))
            if value == Bid.Value.CONFLICT:
                declared.append(submission)
        Bid.objects.filter(pk__in=cleared).delete()
        Bid.objects.bulk_create(
            changed, update_conflicts=True, unique_fields=["submission", "reviewer"], update_fields=["value", "updated_at"],
        )
        for submission in declared:
            _declare_conflict(submission=submission, reviewer=reviewer)
    return len(changed) + len(cleared)


def _declare_conflict(*, submission, reviewer) -> None:
    conflict, created = Conflict.objects.get_or_create(
        submission=submission, reviewer=reviewer, source=Conflict.Source.REVIEWER_DECLARED,
        defaults={"detail": "", "created_by": reviewer},
    )
    if not created and conflict.lifted_at is not None:
        # The reviewer declares it again after a chair lifted it: their word stands.
        conflict.lifted_at = conflict.lifted_by = None
        conflict.save(update_fields=["lifted_at", "lifted_by"])
    audit_record(action="conflict.declared", target=conflict, by=reviewer, panel=submission.panel,
                 data={"submission": submission.pk})


def own_conflict_withdraw(*, submission, by) -> None:
    """A reviewer takes back a conflict they declared by bidding (a slip of the
    finger); other sources of conflict with the paper stay."""
    with transaction.atomic():
        refuse_if(permissions.why_not_withdraw_own_conflict(by, submission))
        reviewer = by
        Bid.objects.filter(submission=submission, reviewer=reviewer, value=Bid.Value.CONFLICT).delete()
        withdrawn = Conflict.objects.filter(
            submission=submission, reviewer=reviewer, source=Conflict.Source.REVIEWER_DECLARED,
        ).first()
        if withdrawn is not None:
            audit_record(action="conflict.withdrawn", target=submission, by=reviewer, panel=submission.panel,
                         data={"reviewer": reviewer.pk})
            withdrawn.delete()
