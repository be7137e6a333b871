"""The portal's own answers when something goes wrong: 403, 404, 500 and 503.

- 403 and 404 are Django's handlers with our templates (`403.html` shows the
  rule's message, `404.html` says the page does not exist or is not yours).
- 500 and 503 come from `server_error`, Django's `handler500`. It is called
  while the exception is being handled, so it reads it: when PostgreSQL or
  Redis do not answer, or the request ran past `REQUEST_TIMEOUT`, the user gets
  the 503 page ("try again in a minute; what you sent was not saved") with a
  `Retry-After`; anything else is the 500 page. Both render without a request
  context, so they never need the database that may be the cause.

`RequestTimeoutMiddleware` stops a request that runs past `REQUEST_TIMEOUT`
seconds (below gunicorn's `GUNICORN_TIMEOUT`, checked by gunicorn.conf.py)
with `RequestTimedOut`, raised from SIGALRM in the worker's main thread: the
transaction under way rolls back, the user gets the 503 page and the worker
lives on, instead of gunicorn killing it and answering its own bare page.
"""

import signal
import sys
import threading

import kombu.exceptions
import redis.exceptions
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader

from portal.site import site_name

RETRY_AFTER_SECONDS = 30


class RequestTimedOut(Exception):
    """The request ran for longer than REQUEST_TIMEOUT seconds."""


# PostgreSQL away (psycopg's errors reach Django as these two), Redis away as
# the cache or the broker, and our own timeout.
OUTAGE_ERRORS = (
    OperationalError, InterfaceError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError, RequestTimedOut,
)


def is_outage(error: BaseException | None) -> bool:
    """Whether the error (or one it was raised from) says a service is away or the request ran too long."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OUTAGE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def server_error(request, template_name: str = "500.html"):
    """handler500: the portal's 503 page when a service is away or the request timed out, else its 500 page."""
    error = sys.exc_info()[1]
    context = {"site_name": site_name()}
    if is_outage(error):
        context["timed_out"] = isinstance(error, RequestTimedOut)
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response.timed_out = context["timed_out"]
        return response
    return HttpResponse(loader.render_to_string(template_name, context), status=500)


def _raise_timed_out(signum, frame):
    raise RequestTimedOut(f"the request ran for more than {settings.REQUEST_TIMEOUT} seconds")


class RequestTimeoutMiddleware:
    """Raises RequestTimedOut in a request that runs past REQUEST_TIMEOUT seconds.

    Only where a signal can be delivered to the request: the main thread of a
    process (gunicorn's sync workers); under a threaded server it does nothing.
    Streamed file downloads run after it returns and are not timed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.REQUEST_TIMEOUT
        if not seconds or threading.current_thread() is not threading.main_thread():
            return self.get_response(request)
        previous = signal.signal(signal.SIGALRM, _raise_timed_out)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            response = self.get_response(request)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if getattr(response, "timed_out", False):
            # Stopped mid-query perhaps: the next request opens fresh connections.
            connections.close_all()
        return response
