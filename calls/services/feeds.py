"""The private calendar feed's token: made on first use, replaced on request."""

from django.db import transaction

from calls.models import CalendarFeed, feed_token
from portal.models import User
from portal.workflow import audit_record


def feed_renew(*, by: User) -> CalendarFeed:
    """A new secret address for the user's feed; the former one stops working at once."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=by)
        if not created:
            feed.token = feed_token()
            feed.save(update_fields=["token"])
        audit_record(action="calendar.feed_renewed", target=feed, by=by)
    return feed


def feed_revoke(*, by: User) -> None:
    with transaction.atomic():
        deleted, _rows = CalendarFeed.objects.filter(user=by).delete()
        if deleted:
            audit_record(action="calendar.feed_revoked", target=by, by=by)
