import zoneinfo
from contextlib import ExitStack

from django.db import connections
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """A signed-in user's profile picks the language and the time zone of every
    page; visitors get their browser's language (LocaleMiddleware) and UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except zoneinfo.ZoneInfoNotFoundError:
                timezone.deactivate()
        else:
            timezone.deactivate()
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
