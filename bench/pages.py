"""Latency, SQL queries and size of the portal's key pages, measured over HTTP
against a running server (gunicorn in `python -m bench`).

Each page is requested a few times to warm up, then `repeats` times one
after another on a kept-alive connection; the figures are the median and the
95th percentile of the wall time from sending the request to having read the
whole body. The server reports each response's SQL query count in the
`X-Query-Count` header when it runs with BENCH_QUERY_COUNT=1. Requests ask
for gzip as browsers do, so compression is part of the time.
"""

from __future__ import annotations

import io
import re
import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Callable

import requests

TRIVIAL = "trivial view (/robots.txt)"


@dataclass
class Page:
    name: str
    role: str  # which signed-in session asks for it: visitor, author, reviewer or chair
    path: str
    # For a form post: builds (data, files) for each request from the form page's HTML.
    post: Callable[[str], tuple[dict, dict]] | None = None
    expected_status: int = 200


@dataclass
class PageResult:
    name: str
    path: str
    requests: int
    median_ms: float
    p95_ms: float
    queries: int | None
    bytes: int  # the body as the browser reads it
    wire_bytes: int  # as it travels (gzip, when the server compresses it)
    samples_ms: list[float] = field(repr=False)

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (0.95 of 30 samples is the 29th)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no CSRF token on the form page")
    return match.group(1)


def signed_in(base_url: str, email: str, password: str) -> requests.Session:
    """A browser session that signed in through the real log-in form."""
    session = requests.Session()
    login_url = f"{base_url}/accounts/login/"
    form = session.get(login_url, timeout=30)
    form.raise_for_status()
    response = session.post(login_url, data={
        "login": email, "password": password, "csrfmiddlewaretoken": csrf_token(form.text),
    }, headers={"Referer": login_url}, allow_redirects=False, timeout=30)
    if response.status_code != 302:
        raise RuntimeError(f"{email} could not sign in (HTTP {response.status_code})")
    return session


def timed_request(session: requests.Session, base_url: str, page: Page) -> tuple[requests.Response, float]:
    """The response and the seconds from sending the request to having read its body. For a form
    post, the form page is fetched first (for its CSRF token and fields) and is not timed."""
    url = base_url + page.path
    if page.post is None:
        started = time.perf_counter()
        response = session.get(url, allow_redirects=False, timeout=60)
        response.content  # noqa: B018  (reads the body inside the timing)
        return response, time.perf_counter() - started
    form = session.get(url, timeout=60)
    data, files = page.post(form.text)
    data = {**data, "csrfmiddlewaretoken": csrf_token(form.text)}
    uploads = {name: (filename, io.BytesIO(content), kind) for name, (filename, content, kind) in files.items()}
    started = time.perf_counter()
    response = session.post(url, data=data, files=uploads, headers={"Referer": url}, allow_redirects=False,
                            timeout=60)
    response.content  # noqa: B018
    return response, time.perf_counter() - started


def measure(session: requests.Session, base_url: str, page: Page, *, warmup: int, repeats: int) -> PageResult:
    samples, queries, size, wire = [], [], 0, 0
    for attempt in range(warmup + repeats):
        response, seconds = timed_request(session, base_url, page)
        if response.status_code != page.expected_status:
            raise RuntimeError(
                f"{page.name}: {page.path} answered {response.status_code}, not {page.expected_status}:\n"
                + response.content[-1500:].decode("utf-8", "replace")
            )
        if attempt < warmup:
            continue
        samples.append(seconds * 1000)
        size = len(response.content)
        wire = int(response.headers.get("Content-Length", size))
        if "X-Query-Count" in response.headers:
            queries.append(int(response.headers["X-Query-Count"]))
    return PageResult(
        name=page.name, path=page.path, requests=repeats,
        median_ms=statistics.median(samples), p95_ms=percentile(samples, 0.95),
        queries=max(queries) if queries else None, bytes=size, wire_bytes=wire, samples_ms=samples,
    )


def measure_all(base_url: str, pages: list[Page], logins: dict[str, tuple[str, str]], *, warmup: int,
                repeats: int, progress=print) -> list[PageResult]:
    """`logins` maps a role to (email, password); the visitor needs none."""
    sessions = {"visitor": requests.Session()}
    for role, (email, password) in logins.items():
        sessions[role] = signed_in(base_url, email, password)
    results = []
    for page in pages:
        result = measure(sessions[page.role], base_url, page, warmup=warmup, repeats=repeats)
        progress(f"  {page.name}: median {result.median_ms:.1f} ms, p95 {result.p95_ms:.1f} ms, "
                 f"{result.queries} queries, {result.bytes:,} bytes ({result.wire_bytes:,} sent)")
        results.append(result)
    return results
