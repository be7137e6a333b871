"""Handing the reviewing side's background work to Celery, by task name.

The layers run one way: reviews.tasks (thin Celery tasks) call the services;
a service that starts background work calls this module after its commit,
and this module imports neither the tasks nor the services. The task is
found by its name in Celery's registry (it runs at once, in-process, on a
laptop without a broker, as every task does there).
"""

from portal.celery import app

COMPUTE_ASSIGNMENT_PROPOSAL = "reviews.tasks.compute_assignment_proposal"


def proposal_compute_later(proposal_id: int) -> None:
    """The assigner's run for a stored proposal, in the background."""
    app.signature(COMPUTE_ASSIGNMENT_PROPOSAL, args=(proposal_id,)).delay()
