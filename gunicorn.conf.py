"""Gunicorn's settings for the portal; gunicorn reads this file from the
working directory. Each request is logged once by the portal itself
(portal.logs.RequestIdMiddleware), so gunicorn's access log stays off and its
own lines go out as JSON like every other.

It listens on loopback unless told otherwise: GUNICORN_BIND (e.g.
`0.0.0.0:8000`, which the Dockerfile sets, since a container's port is reached
from outside it) or PORT for another loopback port."""

import os

from portal.logs import logging_config

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# The portal stops a request itself after REQUEST_TIMEOUT seconds and answers
# its own 503 page (portal/errors.py); gunicorn's timeout is only the last
# resort, for a worker stuck where no signal reaches Python.
_request_timeout = int(os.environ.get("REQUEST_TIMEOUT", "50") or 0)
if _request_timeout >= timeout:
    raise SystemExit(
        f"REQUEST_TIMEOUT ({_request_timeout}) must be below GUNICORN_TIMEOUT ({timeout}), "
        "so that a slow request gets the portal's page rather than a killed worker"
    )
# A worker is replaced after this many requests, which bounds any slow leak.
max_requests = 1000
max_requests_jitter = 100
logconfig_dict = logging_config(
    level=os.environ.get("LOG_LEVEL", "INFO").upper(),
    json=os.environ.get("LOG_FORMAT", "json") == "json",
)
