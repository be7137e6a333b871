"""The chair's dashboard of a large panel: 2,000 papers and 6,000 reviews,
built with bulk inserts, render in a number of queries that does not grow."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import User
from reviews.models import PanelReviewer, Review
from tests.factories import UserFactory
from tests.reviews.helpers import add_reviewed_papers

pytestmark = pytest.mark.django_db

def queries_to_render(client, url, params=None) -> tuple[int, float]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params or {})
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return len(queries), elapsed


def test_the_dashboard_of_2000_papers_and_6000_reviews_needs_no_more_queries_than_of_20(client, panel, chair):
    author = UserFactory()
    reviewers = User.objects.bulk_create([User(email=f"reviewer{n}@pool.example.org") for n in range(60)])
    PanelReviewer.objects.bulk_create([PanelReviewer(panel=panel, user=user) for user in reviewers])
    client.force_login(chair)
    url = reverse("reviews:dashboard", kwargs={"conference": panel.conference.slug, "panel": panel.slug})
    sorted_and_filtered = {"sort": "-weighted", "topic": panel.topics.first().pk, "decision": "none", "page": "2"}

    add_reviewed_papers(panel, 20, first_number=1, reviewers=reviewers, author=author)
    small, _ = queries_to_render(client, url)
    small_filtered, _ = queries_to_render(client, url, sorted_and_filtered)

    add_reviewed_papers(panel, 1980, first_number=21, reviewers=reviewers, author=author)
    assert Review.objects.filter(submission__panel=panel).count() == 6000
    large, seconds = queries_to_render(client, url)
    large_filtered, filtered_seconds = queries_to_render(client, url, sorted_and_filtered)

    assert large == small
    assert large_filtered == small_filtered
    assert large <= 20
    print(f"dashboard of 2000 papers: {large} queries, {seconds:.2f} s; sorted and filtered {filtered_seconds:.2f} s")
    assert seconds < 5 and filtered_seconds < 5
