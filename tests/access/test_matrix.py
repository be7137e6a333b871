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
         chair, other_chair, organiser, staff):
    return Cast(panel=panel, paper=paper, users={
        "author": author, "coauthor": coauthor, "other_author": other_author, "reviewer": reviewer,
        "unassigned_reviewer": unassigned_reviewer, "conflicted_reviewer": conflicted_reviewer,
        "chair": chair, "other_chair": other_chair, "organiser": organiser, "staff": staff,
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

    if role in row.allowed:
        assert response.status_code < 400, f"{role} should be let in to {url}; got {response.status_code}"
        assert not (response.status_code == 302 and response["Location"].startswith(login_url)), (
            f"{role} was sent to log in at {url}"
        )
        return

    if role == "anonymous":
        assert response.status_code in (302, 403, 404), f"anonymous got {response.status_code} at {url}"
        if response.status_code == 302:
            assert response["Location"].startswith(login_url)
    else:
        assert response.status_code in (403, 404), f"{role} got {response.status_code} at {url}"
    body = response.content.decode(errors="replace")
    for secret in (row.secrets or default_secrets)(cast):
        assert secret not in body, f"the denied page at {url} shows {secret!r} to {role}"
