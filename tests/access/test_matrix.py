"""Every URL of the portal × every role: allowed or denied, and a denied
response leaks nothing of the paper. A new URL without a row fails here."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.access
from tests.access.matrix import ROLES, Cast, Row

# URLs that belong to libraries with their own tests and access rules.
FOREIGN_NAMESPACES = {"admin"}
FOREIGN_MODULE_PREFIXES = ("allauth.", "django.")


def all_rows() -> list[Row]:
    rows = []
    for module in pkgutil.iter_modules(tests.access.__path__):
        if module.name.startswith("rows_"):
            rows.extend(importlib.import_module(f"tests.access.{module.name}").ROWS)
    return rows


def portal_url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in FOREIGN_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= portal_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = getattr(pattern.callback, "__module__", "")
            if not module.startswith(FOREIGN_MODULE_PREFIXES) or pattern.name == "set_language":
                names.add(namespace + pattern.name)
    return names


ROWS = all_rows()


def test_every_portal_url_has_a_row_in_the_matrix():
    covered = {row.name for row in ROWS}
    missing = portal_url_names() - covered
    assert not missing, f"Add rows to tests/access/rows_*.py for: {sorted(missing)}"


@pytest.fixture
def cast(panel, paper, author, coauthor, other_author, reviewer, unassigned_reviewer, conflicted_reviewer,
         chair, other_chair, staff):
    return Cast(panel=panel, paper=paper, users={
        "author": author, "coauthor": coauthor, "other_author": other_author, "reviewer": reviewer,
        "unassigned_reviewer": unassigned_reviewer, "conflicted_reviewer": conflicted_reviewer,
        "chair": chair, "other_chair": other_chair, "staff": staff,
    })


def default_secrets(cast: Cast) -> list[str]:
    return [cast.paper.title, cast.author.full_name, cast.coauthor.full_name]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_access(client, cast, row, role):
    if role != "anonymous":
        client.force_login(cast.users[role])
    url = reverse(row.name, kwargs=row.kwargs(cast))
    response = getattr(client, row.method)(url, row.data(cast))
    login_url = reverse("account_login")
    sent_to_log_in = response.status_code == 302 and response["Location"].startswith(login_url)

    expected = row.expected(role)
    if expected == "allowed":
        assert response.status_code < 400, f"{role} should be let in to {url}; got {response.status_code}"
        assert not sent_to_log_in, f"{role} was sent to log in at {url}"
        return
    if expected == "login":
        assert sent_to_log_in, f"anonymous should be sent to log in at {url}; got {response.status_code}"
    else:
        assert response.status_code == expected, f"{role} should get {expected} at {url}; got {response.status_code}"
    body = response.content.decode(errors="replace")
    for secret in (row.secrets or default_secrets)(cast):
        assert secret not in body, f"the denied page at {url} shows {secret!r} to {role}"


def post_only_rows() -> list[Row]:
    """One row per URL that the matrix only ever posts to."""
    by_name = {}
    for row in ROWS:
        by_name.setdefault(row.name, []).append(row)
    return [rows[0] for rows in by_name.values() if all(row.method == "post" for row in rows)]


POST_ONLY = post_only_rows()


@pytest.mark.parametrize("role", ["anonymous", "other_author", "chair"])
@pytest.mark.parametrize("row", POST_ONLY, ids=[row.name for row in POST_ONLY])
def test_a_get_to_a_post_only_url(client, cast, row, role):
    """405 to anyone signed in, before the object is looked up (so it tells
    nothing of it); an anonymous visitor is sent to log in, unless the URL is open to all."""
    if role != "anonymous":
        client.force_login(cast.users[role])
    response = client.get(reverse(row.name, kwargs=row.kwargs(cast)))
    if role == "anonymous" and role not in row.allowed:
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 405
