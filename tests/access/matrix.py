"""The shape of the access matrix: a row per URL, the roles that may use it,
and the exact answer every other role gets.

Each part of the portal lists its rows in `rows_<part>.py`; `test_matrix.py`
runs every row against every role and fails for a URL that has no row.

The answers to a role a row does not allow:
- anonymous visitors are sent to log in;
- a signed-in role in `knows` may know the object exists (a public panel, a
  paper they chair or review): 403, with the rule's message;
- any other signed-in role may not know it exists: 404.
A GET to a URL that only takes POST answers 405 to anyone signed in, and
sends an anonymous visitor to log in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "author",
    "coauthor",
    "other_author",
    "reviewer",
    "unassigned_reviewer",
    "conflicted_reviewer",
    "chair",
    "other_chair",
    "staff",
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
PAPER_AUTHORS = frozenset({"author", "coauthor"})
PANEL_CHAIR = frozenset({"chair"})


@dataclass
class Cast:
    """The objects of one scenario, as built by the conftest fixtures."""

    panel: object
    paper: object
    users: dict = field(default_factory=dict)

    def __getattr__(self, role):
        try:
            return self.users[role]
        except KeyError:
            raise AttributeError(role) from None


def no_arguments(cast: Cast) -> dict:
    return {}


@dataclass(frozen=True)
class Row:
    name: str
    allowed: frozenset
    kwargs: Callable[[Cast], dict] = no_arguments
    method: str = "get"
    data: Callable[[Cast], dict] = no_arguments
    # Signed-in roles that are refused with 403 rather than 404 (see above).
    knows: frozenset = SIGNED_IN
    # Which secrets a denied response must not show; by default the paper's
    # title and its authors' names.
    secrets: Callable[[Cast], list[str]] | None = None
    note: str = ""

    def expected(self, role: str) -> str | int:
        """"allowed", "login" (the log-in redirect), 403 or 404."""
        if role in self.allowed:
            return "allowed"
        if role == "anonymous":
            return "login"
        return 403 if role in self.knows else 404

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}"
