"""The one exception a service raises when a rule forbids what it was asked to do.

The contract between views and services (README, "Where the rules live"):
a service that changes data takes the acting user (`by=`), checks its rule
inside its own transaction (under the row lock where a race matters) and
raises `Refused` with the message of the rule (`why_not_x` of the app's
permissions). A view turns it into the page's message; a task, a command or
the API gets the same guarantee without repeating the check.

It is a PermissionDenied, so one that no view catches still answers 403 with
its message, never a server error.
"""

from django.core.exceptions import PermissionDenied


class Refused(PermissionDenied):
    """A rule forbids this change; `str(error)` is the message for the user.

    Several messages may be given when several rules are broken at once (a
    review form with two faults): `messages` lists them, `str` joins them."""

    def __init__(self, *messages):
        self.messages = [str(message) for message in messages]
        super().__init__(" ".join(self.messages))

    @property
    def message(self) -> str:
        return str(self)


def refuse_if(reason: str | None) -> None:
    """Raise `Refused(reason)` when a `why_not_x` rule gave a reason."""
    if reason:
        raise Refused(reason)
