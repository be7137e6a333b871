"""BENCH_QUERY_COUNT=1 makes every response say how many SQL queries it ran
(X-Query-Count), for the benchmark; off (the default), the middleware is not
in the chain at all."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.portal.test_settings import load_settings

pytestmark = pytest.mark.django_db

MIDDLEWARE = "portal.middleware.QueryCountHeaderMiddleware"


def middleware_with(**env) -> list[str]:
    code = "import django, json; from django.conf import settings; django.setup(); print(json.dumps(settings.MIDDLEWARE))"
    result = load_settings(SECRET_KEY="x" * 50, **env, _code=code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_off_by_default_the_middleware_is_not_in_the_chain():
    assert MIDDLEWARE not in middleware_with()
    assert MIDDLEWARE not in middleware_with(BENCH_QUERY_COUNT="0")


def test_on_it_comes_first_and_so_counts_every_other_middlewares_queries():
    assert middleware_with(BENCH_QUERY_COUNT="1")[0] == MIDDLEWARE


def test_a_wrong_value_stops_start_up_naming_the_variable():
    result = load_settings(SECRET_KEY="x" * 50, BENCH_QUERY_COUNT="sometimes")
    assert result.returncode != 0 and "BENCH_QUERY_COUNT" in result.stderr


@pytest.fixture
def counting(settings):
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]


def test_each_response_says_how_many_queries_it_ran(client, counting, panel, author, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/robots.txt")["X-Query-Count"] == "0"
    client.force_login(author)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("submissions:dashboard"))
    assert response.status_code == 200
    assert int(response["X-Query-Count"]) == len(queries) > 0


def test_without_the_setting_no_header_is_added(client, author):
    client.force_login(author)
    assert "X-Query-Count" not in client.get(reverse("submissions:dashboard"))
