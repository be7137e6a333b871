"""How well a reviewer fits a paper: a weighted sum of pluggable sources.

Each source turns the panel's data into a score per (paper, reviewer), about
0 to 1 (a bid of "not willing" is negative), and explains itself for the
pairs that were chosen. The matrix is built a block of papers at a time, in
float32, so 10,000 × 3,000 stays around 120 MB; no source loops over pairs.

A new source is a subclass of AffinitySource passed to `register`.
"""

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.utils.translation import gettext_lazy as _
from scipy import sparse

from reviews.models import Bid

BLOCK_OF_PAPERS = 1024


@dataclass
class PanelData:
    """What the sources read: papers and reviewers in a fixed order, with
    indexes (not database ids) wherever a pair is named."""

    paper_ids: list[int]
    reviewer_ids: list[int]  # user ids
    paper_topics: list[frozenset[int]]
    reviewer_topics: list[frozenset[int]]
    paper_keywords: list[frozenset[str]]
    reviewer_keywords: list[frozenset[str]]
    paper_texts: list[str]
    reviewer_texts: list[str]
    # (paper index, reviewer index, value) of every bid
    bids: list[tuple[int, int, str]] = field(default_factory=list)
    topic_numbers: dict[int, int] = field(default_factory=dict)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.paper_ids), len(self.reviewer_ids)


class AffinitySource:
    name = ""
    label = ""
    weight = 1.0

    def fit(self, data: PanelData):
        """Whatever the source needs to score blocks of papers (matrices, a vectoriser)."""
        raise NotImplementedError

    def scores(self, fitted, start: int, stop: int) -> np.ndarray:
        """Scores of papers start..stop against every reviewer, float32 (stop-start, reviewers)."""
        raise NotImplementedError

    def explain(self, fitted, data: PanelData, papers: np.ndarray, reviewers: np.ndarray) -> list:
        """A JSON value per pair saying why they fit (shared topics, a bid ...), or None."""
        raise NotImplementedError


def _incidence(rows: list, columns: dict) -> sparse.csr_matrix:
    """A 0/1 sparse matrix: row i has a 1 in the column of each item of rows[i]."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indices = []
    for i, items in enumerate(rows):
        indices.extend(columns[item] for item in items)
        indptr[i + 1] = len(indices)
    values = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((values, np.asarray(indices, dtype=np.int64), indptr), shape=(len(rows), len(columns)))


class _OverlapSource(AffinitySource):
    """The share of the paper's items (topics, keywords) that the reviewer also has."""

    def items(self, data: PanelData) -> tuple[list, list]:
        raise NotImplementedError

    def fit(self, data):
        paper_items, reviewer_items = self.items(data)
        columns = {item: i for i, item in enumerate(sorted(set().union(*paper_items, *reviewer_items)))}
        papers = _incidence(paper_items, columns)
        reviewers = _incidence(reviewer_items, columns).T.tocsc()
        share = 1.0 / np.maximum(np.asarray(papers.sum(axis=1), dtype=np.float32).ravel(), 1.0)
        return papers, reviewers, share, paper_items, reviewer_items

    def scores(self, fitted, start, stop):
        papers, reviewers, share, _p, _r = fitted
        shared = (papers[start:stop] @ reviewers).toarray()
        return shared * share[start:stop, None]

    def explain(self, fitted, data, papers, reviewers):
        _p, _r, _s, paper_items, reviewer_items = fitted
        return [self.present(paper_items[p] & reviewer_items[r], data) for p, r in zip(papers, reviewers)]

    def present(self, shared, data):
        return sorted(shared) or None


class TopicOverlap(_OverlapSource):
    name = "topics"
    label = _("shared topics")
    weight = 1.0

    def items(self, data):
        return data.paper_topics, data.reviewer_topics

    def present(self, shared, data):
        return sorted(data.topic_numbers.get(topic, topic) for topic in shared) or None


class KeywordOverlap(_OverlapSource):
    name = "keywords"
    label = _("shared keywords")
    weight = 0.5

    def items(self, data):
        return data.paper_keywords, data.reviewer_keywords


class BidPreference(AffinitySource):
    name = "bid"
    label = _("bid")
    weight = 1.0
    VALUES = {Bid.Value.EAGER: 1.0, Bid.Value.WILLING: 0.5, Bid.Value.NOT_WILLING: -1.0}

    def fit(self, data):
        kept = [(p, r, value) for p, r, value in data.bids if value in self.VALUES]
        rows = np.fromiter((p for p, _r, _v in kept), dtype=np.int64, count=len(kept))
        cols = np.fromiter((r for _p, r, _v in kept), dtype=np.int64, count=len(kept))
        values = np.fromiter((self.VALUES[v] for _p, _r, v in kept), dtype=np.float32, count=len(kept))
        matrix = sparse.csr_matrix((values, (rows, cols)), shape=data.shape, dtype=np.float32)
        return matrix, {(p, r): value for p, r, value in kept}

    def scores(self, fitted, start, stop):
        return fitted[0][start:stop].toarray()

    def explain(self, fitted, data, papers, reviewers):
        return [fitted[1].get((int(p), int(r))) for p, r in zip(papers, reviewers)]


@lru_cache(maxsize=1)
def _analyser():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(strip_accents="unicode").build_analyzer()


@lru_cache(maxsize=16_384)
def _words_of(text: str) -> tuple[str, ...]:
    """The words TF-IDF counts in a text (accents stripped, lower case, sklearn's tokens).
    Kept per text: every page of the assignment page fits TF-IDF on its papers and the
    whole pool, and the pool's hundreds of expertise texts rarely change; keyed by the
    text itself, an edited expertise is simply a new entry."""
    return tuple(_analyser()(text))


class TextSimilarity(AffinitySource):
    """Cosine similarity of TF-IDF vectors: the paper's title, abstract and
    keywords (in both its languages) against the reviewer's expertise text."""

    name = "similarity"
    label = _("text similarity")
    weight = 1.0

    def fit(self, data):
        from sklearn.feature_extraction.text import TfidfVectorizer

        documents = data.paper_texts + data.reviewer_texts
        vectoriser = TfidfVectorizer(
            analyzer=_words_of, sublinear_tf=True, dtype=np.float32,
            # In a large corpus a word in most documents (any language's "the", "de") says nothing.
            max_df=0.5 if len(documents) >= 40 else 1.0,
        )
        try:
            vectors = vectoriser.fit_transform(documents).tocsr()
        except ValueError:  # no words at all
            vectors = sparse.csr_matrix((len(documents), 1), dtype=np.float32)
        papers = vectors[: len(data.paper_texts)]
        reviewers = vectors[len(data.paper_texts):]
        return papers, reviewers.T.tocsc(), reviewers

    def scores(self, fitted, start, stop):
        papers, reviewers_t, _r = fitted
        return (papers[start:stop] @ reviewers_t).toarray()

    def explain(self, fitted, data, papers, reviewers):
        paper_vectors, _t, reviewer_vectors = fitted
        if len(papers) == 0:
            return []
        values = np.asarray(paper_vectors[papers].multiply(reviewer_vectors[reviewers]).sum(axis=1)).ravel()
        return [round(float(value), 3) or None for value in values]


SOURCES: dict[str, AffinitySource] = {}


def register(source: AffinitySource) -> AffinitySource:
    SOURCES[source.name] = source
    return source


for _source in (TopicOverlap(), KeywordOverlap(), BidPreference(), TextSimilarity()):
    register(_source)


@dataclass
class Affinity:
    matrix: np.ndarray  # float32 (papers, reviewers)
    fitted: dict  # source name -> (source, fitted state)

    def explain(self, data: PanelData, papers: np.ndarray, reviewers: np.ndarray) -> list[dict]:
        """For each pair, its affinity and each source's reason."""
        papers = np.asarray(papers, dtype=np.int64)
        reviewers = np.asarray(reviewers, dtype=np.int64)
        reasons = {
            name: source.explain(state, data, papers, reviewers) for name, (source, state) in self.fitted.items()
        }
        explanations = []
        for i, (p, r) in enumerate(zip(papers, reviewers)):
            explanation = {"affinity": round(float(self.matrix[p, r]), 3)}
            explanation.update({name: values[i] for name, values in reasons.items() if values[i] is not None})
            explanations.append(explanation)
        return explanations


def compute_affinity(data: PanelData, sources: list[AffinitySource] | None = None, progress=None) -> Affinity:
    sources = list(SOURCES.values()) if sources is None else sources
    n_papers, n_reviewers = data.shape
    matrix = np.zeros((n_papers, n_reviewers), dtype=np.float32)
    fitted = {}
    for number, source in enumerate(sources):
        state = source.fit(data)
        fitted[source.name] = (source, state)
        for start in range(0, n_papers, BLOCK_OF_PAPERS):
            stop = min(start + BLOCK_OF_PAPERS, n_papers)
            matrix[start:stop] += np.float32(source.weight) * source.scores(state, start, stop)
        if progress is not None:
            progress(number + 1, len(sources))
    return Affinity(matrix=matrix, fitted=fitted)
