"""Thin Celery tasks: they take ids and call the services. Services start
them through reviews.dispatch, by name, so nothing below imports this module."""

from celery import shared_task

from reviews.dispatch import COMPUTE_ASSIGNMENT_PROPOSAL
from reviews.services.assignment import proposal_compute
from reviews.services.reminders import reminders_send_due


@shared_task(name=COMPUTE_ASSIGNMENT_PROPOSAL)
def compute_assignment_proposal(proposal_id: int) -> None:
    proposal_compute(proposal_id=proposal_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_due_review_reminders() -> int:
    """Run by beat: the automatic reminder before each panel's review deadline."""
    return reminders_send_due()
