"""The shape of the access matrix: a row per URL, the roles that may use it.

Each part of the portal lists its rows in `rows_<part>.py`; `test_matrix.py`
runs every row against every role and fails for a URL that has no row.
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
    "organiser",
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
    # Which secrets a denied response must not show; by default the paper's
    # title and its authors' names.
    secrets: Callable[[Cast], list[str]] | None = None
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}"
