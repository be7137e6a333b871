"""How a refusal or a message states a deadline: portal.moments writes it."""

from portal.moments import deadline_text


def in_conference_time(moment, conference) -> str:
    """The moment in the reader's time zone, named, and in the call's beside it when it differs."""
    return deadline_text(moment, conference)
