import zoneinfo
from contextlib import ExitStack

from django.conf import settings
from django.db import connections
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone, translation

from portal.moments import valid_zone


BROWSER_ZONE_COOKIE = "tz"  # set by static/portal/timezone.js from Intl.DateTimeFormat
KEPT_ZONE_COOKIE = "tz_kept"  # the browser zone a user declined to save in their profile


class UserPreferencesMiddleware:
    """A signed-in user's profile picks the language of every page; the time
    zone is the profile's if the user chose one, else the browser's (the
    cookie static/portal/timezone.js sets), else UTC. Visitors get their
    browser's language (LocaleMiddleware) and zone.

    Sets request.time_zone, request.time_zone_source ("profile", "browser"
    or "default") and request.browser_time_zone (None when unknown)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        request.browser_time_zone = valid_zone(request.COOKIES.get(BROWSER_ZONE_COOKIE))
        profile_zone = valid_zone(user.time_zone) if signed_in else None
        if profile_zone:
            request.time_zone, request.time_zone_source = profile_zone, "profile"
        elif request.browser_time_zone:
            request.time_zone, request.time_zone_source = request.browser_time_zone, "browser"
        else:
            request.time_zone, request.time_zone_source = settings.TIME_ZONE, "default"
        timezone.activate(zoneinfo.ZoneInfo(request.time_zone))
        return self.get_response(request)


class QueryCountHeaderMiddleware:
    """For benchmarks: the number of SQL statements a request ran, in the
    response header X-Query-Count. Counted with an execute wrapper on every
    database connection, so it works with DEBUG off. Only in the middleware
    chain when the BENCH_QUERY_COUNT setting is on (portal/settings.py); placed
    first, it counts what the other middleware run too (session, user).
    A streaming response's queries made while it streams are not counted."""

    header = "X-Query-Count"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with ExitStack() as wrappers:
            for alias in connections:
                wrappers.enter_context(connections[alias].execute_wrapper(counted))
            response = self.get_response(request)
        response[self.header] = str(count)
        return response


class TextGZipMiddleware(GZipMiddleware):
    """Compresses pages, CSV and JSON for readers on slow connections (a
    1.2 MB bid page of 500 papers travels as about 120 KB), not PDFs and
    other files that gain nothing for the CPU they would cost. Django's gzip
    pads each response with random bytes against BREACH."""

    COMPRESSIBLE = ("text/", "application/json", "application/javascript")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)
