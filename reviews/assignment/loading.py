"""The panel's data for the assigner, read in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from portal.models import Topic
from reviews.assignment.affinity import PanelData
from reviews.conflicts import normalise
from reviews.models import Assignment, Bid, Conflict, PanelReviewer
from reviews.permissions import IN_REVIEW
from submissions.models import Submission


@dataclass
class PanelAssignmentData(PanelData):
    """PanelData plus the constraints: conflicts, existing assignments, load bounds."""

    conflicts: np.ndarray = None  # int (n, 2) paper index, reviewer index
    assigned: np.ndarray = None  # int (n, 2)
    assigned_origin: list[str] = None
    min_load: np.ndarray = None
    max_load: np.ndarray = None
    pool_ids: list[int] = None  # PanelReviewer ids, in reviewer order


@lru_cache(maxsize=65_536)
def _normalised_keyword(word: str) -> str:
    """Keywords repeat across a pool (hundreds of reviewers, a few thousand distinct
    words), so each is normalised once per process, not once per reviewer and page."""
    return normalise(word)


def _keywords(*lists) -> frozenset[str]:
    normalised = (_normalised_keyword(word) for words in lists for word in (words or []))
    return frozenset(word for word in normalised if word)


def _pairs(rows, paper_index, reviewer_index) -> np.ndarray:
    pairs = [(paper_index[p], reviewer_index[r]) for p, r in rows if p in paper_index and r in reviewer_index]
    return np.asarray(pairs, dtype=np.int64).reshape(-1, 2)


def papers_in_the_running(panel):
    return Submission.objects.filter(panel=panel, state__in=IN_REVIEW)


def _grouped(pairs) -> defaultdict:
    """{key: set of values} from (key, value) rows."""
    grouped = defaultdict(set)
    for key, value in pairs:
        grouped[key].add(value)
    return grouped


def load_panel_data(panel, submission_ids=None) -> PanelAssignmentData:
    papers_query = papers_in_the_running(panel)
    if submission_ids is not None:
        papers_query = papers_query.filter(pk__in=list(submission_ids))
    papers = list(papers_query.order_by("number").values_list(
        "id", "title", "abstract", "keywords", "second_title", "second_abstract", "second_keywords",
    ))
    paper_index = {row[0]: i for i, row in enumerate(papers)}

    pool = list(PanelReviewer.objects.filter(panel=panel).order_by("id").values_list(
        "id", "user_id", "keywords", "expertise", "min_load", "max_load",
    ))
    reviewer_index = {row[1]: j for j, row in enumerate(pool)}

    paper_topics = _grouped(Submission.topics.through.objects.filter(
        submission__in=papers_query).values_list("submission_id", "topic_id"))
    reviewer_topics = _grouped(PanelReviewer.topics.through.objects.filter(
        panelreviewer__panel=panel).values_list("panelreviewer_id", "topic_id"))

    bids = [
        (paper_index[p], reviewer_index[r], value)
        for p, r, value in Bid.objects.filter(submission__in=papers_query).values_list("submission_id", "reviewer_id", "value")
        if p in paper_index and r in reviewer_index
    ]
    conflicts = _pairs(
        Conflict.objects.filter(submission__in=papers_query, lifted_at__isnull=True).values_list("submission_id", "reviewer_id"),
        paper_index, reviewer_index,
    )
    assignment_rows = [
        (p, r, origin)
        for p, r, origin in Assignment.objects.filter(submission__in=papers_query).values_list(
            "submission_id", "reviewer_id", "origin")
        if p in paper_index and r in reviewer_index
    ]

    return PanelAssignmentData(
        paper_ids=[row[0] for row in papers],
        reviewer_ids=[row[1] for row in pool],
        paper_topics=[frozenset(paper_topics[row[0]]) for row in papers],
        reviewer_topics=[frozenset(reviewer_topics[row[0]]) for row in pool],
        paper_keywords=[_keywords(row[3], row[6]) for row in papers],
        reviewer_keywords=[_keywords(row[2]) for row in pool],
        paper_texts=["\n".join([row[1], row[2], " ".join(row[3] or []), row[4], row[5], " ".join(row[6] or [])])
                     for row in papers],
        reviewer_texts=["\n".join([row[3], " ".join(row[2] or [])]) for row in pool],
        bids=bids,
        topic_numbers=dict(Topic.objects.filter(panel=panel).values_list("id", "number")),
        conflicts=conflicts,
        assigned=np.asarray([(paper_index[p], reviewer_index[r]) for p, r, _o in assignment_rows],
                            dtype=np.int64).reshape(-1, 2),
        assigned_origin=[origin for _p, _r, origin in assignment_rows],
        min_load=np.asarray([row[4] for row in pool], dtype=np.int64),
        max_load=np.asarray([row[5] for row in pool], dtype=np.int64),
        pool_ids=[row[0] for row in pool],
    )
