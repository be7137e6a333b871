"""One way to write a moment for people, used by every page and every mail.

A moment is written in the reader's time zone (the one active: the page's,
set by portal.middleware, or the mail's, set by portal.mail.queue) with that
zone's name, in the reader's language and its conventions (Django's date
formats, the zone's city as CLDR names it in that language, through Babel).
A deadline adds the call's own zone beside it when the reader's differs:

    15 de janeiro de 2027 às 08:59 (horário de São Paulo) · 14 de janeiro de 2027 às 23:59 (AoE)
"""

import datetime
import zoneinfo
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone_location
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.timesince import timeuntil
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.models.conference import ANYWHERE_ON_EARTH

UNIVERSAL = {"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu",
             "GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich", "Greenwich", "GMT0"}


def valid_zone(name: str | None) -> str | None:
    """The IANA name if the zone exists, else None (for what a browser sends)."""
    if not name or len(name) > 64:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return name


def zone_key(zone) -> str:
    return zone if isinstance(zone, str) else getattr(zone, "key", None) or str(zone)


def zone_name(zone, language: str | None = None) -> str:
    """The zone as a reader of `language` calls it: "AoE", "UTC", "UTC−3",
    "horário de São Paulo", "hora de Madrid", "New York time"."""
    return _zone_name(zone_key(zone), language or translation.get_language() or settings.LANGUAGE_CODE)


@lru_cache(maxsize=1024)
def _zone_name(key: str, language: str) -> str:
    with translation.override(language):
        if key == ANYWHERE_ON_EARTH:
            return "AoE"
        if key in UNIVERSAL:
            return "UTC"
        if key.startswith("Etc/GMT"):  # Etc/GMT+3 is three hours behind UTC
            hours = -int(key[len("Etc/GMT"):])
            return f"UTC{'+' if hours > 0 else '−'}{abs(hours)}"
        try:
            locale = Locale.parse(translation.to_locale(language))
        except (UnknownLocaleError, ValueError):
            locale = Locale("en")
        try:
            city = get_timezone_location(key, locale=locale, return_city=True)
        except LookupError:
            city = key.rsplit("/", 1)[-1].replace("_", " ")
        return _("%(city)s time") % {"city": city}


def zone_title(zone) -> str:
    """The long name a label may carry as its tooltip."""
    if zone_key(zone) == ANYWHERE_ON_EARTH:
        return _("Anywhere on Earth (UTC-12)")
    return zone_key(zone)


def _written(moment: datetime.datetime, zone, fmt: str) -> str:
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(zone_key(zone)))
    return _("%(moment)s (%(zone)s)") % {"moment": formats.date_format(local, fmt), "zone": zone_name(zone)}


def reader_zone() -> str:
    """The IANA name of the active zone (Django's own name for it is the abbreviation, "-12")."""
    return zone_key(timezone.get_current_timezone())


def moment_text(moment: datetime.datetime | None, *, zone=None, short: bool = False) -> str:
    """A moment in the reader's zone (or `zone`), with the zone named."""
    if moment is None:
        return ""
    return _written(moment, zone or reader_zone(), "SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")


def deadline_parts(moment: datetime.datetime, conference, *, zone=None) -> tuple[str, str]:
    """The deadline in the reader's zone, and in the call's zone when it differs (else "")."""
    zone = zone_key(zone or reader_zone())
    here = _written(moment, zone, "DATETIME_FORMAT")
    call_zone = conference.time_zone if conference is not None else zone
    if call_zone == zone:
        return here, ""
    return here, _written(moment, call_zone, "DATETIME_FORMAT")


def deadline_text(moment: datetime.datetime | None, conference, *, zone=None) -> str:
    """'15 January 2027, 08:59 (São Paulo time) · 14 January 2027, 23:59 (AoE)', for messages and mails."""
    if moment is None:
        return ""
    return " · ".join(part for part in deadline_parts(moment, conference, zone=zone) if part)


def deadline_html(moment: datetime.datetime | None, conference) -> str:
    """The same for a page: a <time> element, the call's zone beside it, quieter."""
    if moment is None:
        return ""
    here, there = deadline_parts(moment, conference)
    local = format_html('<time class="deadline" datetime="{}">{}</time>', moment.isoformat(), here)
    if not there:
        return local
    return format_html('{} <span class="text-body-secondary deadline-call-zone" title="{}">· {}</span>',
                       local, zone_title(conference.time_zone), there)


def moment_html(moment: datetime.datetime | None, *, short: bool = False) -> str:
    if moment is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), moment_text(moment, short=short))


def time_left(moment: datetime.datetime | None, now: datetime.datetime | None = None) -> str:
    """How long until a moment, in the reader's language ("2 days, 5 hours"); "" once passed."""
    now = now or timezone.now()
    if moment is None or moment <= now:
        return ""
    return timeuntil(moment, now, depth=2)
