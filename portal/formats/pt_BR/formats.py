"""Brazilian Portuguese dates with lower-case months ("E": see portal.formats)."""

from django.conf.locale.pt_BR.formats import *  # noqa: F403 (Django's, then ours below)

DATE_FORMAT = r"j \d\e E \d\e Y"
DATETIME_FORMAT = r"j \d\e E \d\e Y à\s H:i"
YEAR_MONTH_FORMAT = r"E \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e E"
