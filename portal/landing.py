"""Where a user lands after signing in (with no page to go back to): the first
page of their own tasks. Each app registers, in its AppConfig.ready, a function
that returns the address of its page of tasks for a user, or None when the
user has none there; the core asks them in order, and falls back to the list
of calls. The core so knows no app above it."""

from collections.abc import Callable

from django.urls import reverse

_PAGES: list[tuple[int, Callable]] = []


def register(order: int, page: Callable) -> None:
    """`page(user) -> str | None`; lower `order` is asked first."""
    if all(existing is not page for _order, existing in _PAGES):
        _PAGES.append((order, page))
        _PAGES.sort(key=lambda entry: entry[0])


def landing_url(user) -> str:
    for _order, page in _PAGES:
        if url := page(user):
            return url
    return reverse("home")
