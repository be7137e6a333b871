"""The reviewers' side before reviewing: each panel's pool (with expertise),
conflicts of interest, bids and assignments.

Conflicts are written as detection would find them from the generated data
(same affiliation as an author of the paper, named in the authors' declared
conflicts), plus those reviewers declare by bidding "in conflict" and a few
added by chairs. Assignment never pairs a reviewer with a paper they conflict
with (even a lifted conflict), and balances the loads.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from portal.models import User
from reviews.conflicts import normalise
from reviews.models import Assignment, Bid, Conflict, PanelReviewer
from sampledata.synthetic.papers import BATCH, DAY, GeneratedPanel, code
from sampledata.synthetic.words import NOUNS, Writer

Source = Conflict.Source
BID_VALUES = [Bid.Value.EAGER, Bid.Value.WILLING, Bid.Value.NOT_WILLING, Bid.Value.CONFLICT]
BID_WEIGHTS = [0.25, 0.42, 0.31, 0.02]
BID_PREFERENCE = {Bid.Value.EAGER: 2.0, Bid.Value.WILLING: 1.0, Bid.Value.NOT_WILLING: -2.0}


def max_load_for(papers: int, reviewers: int, reviews_per_paper: int) -> int:
    """Room above each reviewer's balanced share of the panel's reviews (at least the model's default, 6)."""
    balanced = -(-papers * reviews_per_paper // max(reviewers, 1))
    return min(max(6, balanced + 3), 32767)


@dataclass
class PanelPool:
    """One panel's pool and what was decided about it, by position in the pool
    (reviewer r) and in the panel's papers in review (paper p)."""

    users: list[User]
    reviewer_topics: list[set[int]]  # topic ids per reviewer
    conflicted: np.ndarray  # bool (papers in review, reviewers)
    bids: dict[int, dict[int, str]] = field(default_factory=dict)  # p -> {r: value}, "in conflict" left out
    assigned: list[tuple[int, int]] = field(default_factory=list)  # (p, r)


def pool_create(*, generated: GeneratedPanel, users: list[User], reviews_per_paper: int, rng: random.Random,
                now) -> PanelPool:
    """Every reviewer joined the pool with topics, keywords, a short bio and a
    maximum load that leaves room above the balanced share."""
    writer = Writer(rng)
    papers = len(generated.in_review)
    max_load = max_load_for(papers, len(users), reviews_per_paper)
    reviewers, chosen_topics = [], []
    for user in users:
        reviewers.append(PanelReviewer(
            code=code(rng), panel=generated.panel, user=user, keywords=rng.sample(NOUNS, rng.randint(3, 6)),
            expertise=writer.expertise(), max_load=max_load, joined_at=now - rng.uniform(30, 55) * DAY,
        ))
        chosen_topics.append(rng.sample(generated.topics, min(len(generated.topics), rng.randint(2, 4))))
    reviewers = PanelReviewer.objects.bulk_create(reviewers, batch_size=BATCH)
    link = PanelReviewer.topics.through
    link.objects.bulk_create([
        link(panelreviewer_id=reviewer.pk, topic_id=topic.pk)
        for reviewer, topics in zip(reviewers, chosen_topics, strict=True) for topic in topics
    ], batch_size=BATCH)
    return PanelPool(users=users, reviewer_topics=[{topic.pk for topic in topics} for topics in chosen_topics],
                     conflicted=np.zeros((papers, len(users)), dtype=bool))


def conflicts_create(*, generated: GeneratedPanel, pool: PanelPool, declared: list, rng: random.Random,
                     now) -> list[Conflict]:
    """Conflicts of the papers in review: same affiliation as an author,
    named by the authors, and a few added by a chair; 3% of the affiliation ones lifted."""
    papers = generated.in_review
    index_of_paper = {submission.pk: p for p, submission in enumerate(papers)}
    by_affiliation = defaultdict(list)
    for r, user in enumerate(pool.users):
        by_affiliation[user.affiliation].append(r)
    chair = generated.chairs[0]
    rows = []
    for p, submission in enumerate(papers):
        seen = set()
        for author in generated.authors[submission.pk]:
            for r in by_affiliation.get(author.affiliation, ()):
                if r in seen:
                    continue
                seen.add(r)
                lifted = rng.random() < 0.03
                rows.append(Conflict(
                    submission=submission, reviewer=pool.users[r], source=Source.AFFILIATION,
                    detail=author.affiliation[:300], created_at=now - 20 * DAY,
                    lifted_at=now - 10 * DAY if lifted else None, lifted_by=chair if lifted else None,
                ))
                pool.conflicted[p, r] = True
    # As detection matches what authors declared: the reviewer's address, or anyone of the same name.
    by_email = {user.email: r for r, user in enumerate(pool.users)}
    by_name = defaultdict(list)
    for r, user in enumerate(pool.users):
        by_name[normalise(user.full_name)].append(r)
    for conflict in declared:
        p = index_of_paper.get(conflict.submission_id)
        if p is None:
            continue
        detail = ", ".join(part for part in (conflict.name, conflict.email, conflict.institution) if part)
        matched = set(by_name.get(normalise(conflict.name), ()))
        if conflict.email in by_email:
            matched.add(by_email[conflict.email])
        for r in sorted(matched):
            rows.append(Conflict(submission=papers[p], reviewer=pool.users[r], source=Source.AUTHOR_DECLARED,
                                 detail=detail[:300], created_at=now - 20 * DAY))
            pool.conflicted[p, r] = True
    for _ in range(len(papers) // 200):
        p, r = rng.randrange(len(papers)), rng.randrange(len(pool.users))
        if not pool.conflicted[p, r]:
            rows.append(Conflict(submission=papers[p], reviewer=pool.users[r], source=Source.CHAIR,
                                 detail="Known collaboration", created_at=now - 15 * DAY, created_by=chair))
            pool.conflicted[p, r] = True
    return rows


def bids_create(*, generated: GeneratedPanel, pool: PanelPool, bids_per_reviewer: int, rng: random.Random,
                np_rng: np.random.Generator, now) -> tuple[list[Bid], list[Conflict]]:
    """About `bids_per_reviewer` bids each on papers free of conflict, more
    likely on papers of their topics; "in conflict" bids declare a conflict."""
    papers = generated.in_review
    if not papers:
        return [], []
    column = {topic.pk: i for i, topic in enumerate(generated.topics)}
    paper_topics = np.zeros((len(papers), len(column)), dtype=bool)
    for p, submission in enumerate(papers):
        paper_topics[p, [column[topic.pk] for topic in generated.topics_of[submission.pk]]] = True
    bids, declared = [], []
    for r, user in enumerate(pool.users):
        candidates = np.flatnonzero(~pool.conflicted[:, r])
        count = min(len(candidates), max(0, int(np_rng.normal(bids_per_reviewer, bids_per_reviewer / 5))))
        if count == 0:
            continue
        in_topics = paper_topics[np.ix_(candidates, [column[pk] for pk in sorted(pool.reviewer_topics[r])])]
        weights = np.where(in_topics.any(axis=1), 3.0, 1.0)
        chosen = np_rng.choice(candidates, size=count, replace=False, p=weights / weights.sum())
        values = rng.choices(BID_VALUES, weights=BID_WEIGHTS, k=count)
        for p, value in zip(chosen.tolist(), values, strict=True):
            at = now - rng.uniform(1, 19) * DAY
            bids.append(Bid(submission=papers[p], reviewer=user, value=value, updated_at=at))
            if value == Bid.Value.CONFLICT:
                # As reviews.services.bids records the reviewer's own declaration.
                declared.append(Conflict(submission=papers[p], reviewer=user, source=Source.REVIEWER_DECLARED,
                                         created_at=at, created_by=user))
                pool.conflicted[p, r] = True
            else:
                pool.bids.setdefault(p, {})[r] = value
    return bids, declared


def assignments_create(*, generated: GeneratedPanel, pool: PanelPool, reviews_per_paper: int,
                       np_rng: np.random.Generator, now) -> list[Assignment]:
    """`reviews_per_paper` reviewers per paper in review, never in conflict,
    the least loaded first, preferring those who bid for the paper and share its topics."""
    papers = generated.in_review
    reviewers = len(pool.users)
    if not papers or not reviewers:
        return []
    loads = np.zeros(reviewers)
    max_load = max_load_for(len(papers), reviewers, reviews_per_paper)
    topic_numbers = {topic.pk: topic.number for topic in generated.topics}
    chair = generated.chairs[0]
    rows = []
    for p in np_rng.permutation(len(papers)).tolist():
        submission = papers[p]
        topics = {topic.pk for topic in generated.topics_of[submission.pk]}
        bids = pool.bids.get(p, {})
        preference = np.zeros(reviewers)
        for r, value in bids.items():
            preference[r] = BID_PREFERENCE[value]
        cost = loads * 3.0 - preference + np_rng.random(reviewers)
        cost[pool.conflicted[p] | (loads >= max_load)] = np.inf
        want = min(reviews_per_paper, int(np.isfinite(cost).sum()))
        if want == 0:
            continue
        for r in np.argpartition(cost, want - 1)[:want].tolist():
            loads[r] += 1
            shared = sorted(topic_numbers[pk] for pk in topics & pool.reviewer_topics[r])
            bid = bids.get(r)
            explanation = {"affinity": round(len(shared) / max(len(topics), 1) + BID_PREFERENCE.get(bid, 0) / 4, 3)}
            if shared:
                explanation["topics"] = shared
            if bid:
                explanation["bid"] = bid
            rows.append(Assignment(submission=submission, reviewer=pool.users[r], origin=Assignment.Origin.AUTOMATIC,
                                   explanation=explanation, assigned_by=chair, assigned_at=now - 12 * DAY))
            pool.assigned.append((p, r))
    return rows
