"""/robots.txt, served by Django: crawlers may read the calls, never what is behind a login."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def rules(client) -> list[tuple[str, str]]:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return [tuple(part.strip() for part in line.split(":", 1)) for line in response.content.decode().splitlines()]


def test_a_crawler_may_read_the_calls_and_nothing_private(client):
    found = rules(client)
    assert found[0] == ("User-agent", "*")
    assert ("Allow", "/calls/") in found
    disallowed = {path for rule, path in found if rule == "Disallow"}
    assert {"/submissions/", "/reviews/", "/accounts/", "/mail/", "/admin/"} <= disallowed


def test_every_private_page_falls_under_a_disallowed_path(client, panel):
    disallowed = [path.replace("*", "") for rule, path in rules(client) if rule == "Disallow"]
    calls = {"conference_slug": panel.conference.slug, "panel_slug": panel.slug}
    private = [
        reverse("submissions:dashboard"), reverse("reviews:my_reviews"), reverse("account_login"),
        reverse("profile"), reverse("admin:index"), reverse("mail:outbox"),
    ]
    for url in private:
        assert any(url.startswith(path) for path in disallowed), url
    # The call's own private pages: the rule "/calls/*/*/submit/" matches them.
    for name in ("submissions:create", "submissions:message_authors"):
        tail = reverse(name, kwargs=calls).rstrip("/").rsplit("/", 1)[1]
        assert f"/calls/*/*/{tail}/" in [path for rule, path in rules(client) if rule == "Disallow"]


def test_robots_txt_needs_no_query_and_may_be_cached(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")
    assert "max-age" in response["Cache-Control"]
    assert client.post("/robots.txt").status_code == 405
