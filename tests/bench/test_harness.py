"""`make bench` itself, on a small conference: every key page answers through
gunicorn on PostgreSQL with its query count, the assigner proves its optimum,
and the mail benchmark delivers each mail once. A check of the harness (so
the printed table can be trusted), not a timing: no figure is asserted."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from bench.conference import PAGE_NAMES
from tests.support.worker import PROJECT

pytestmark = pytest.mark.integration


def test_the_benchmark_measures_every_key_page_the_assigner_and_the_mail_queue(tmp_path):
    server = connection.settings_dict
    output = tmp_path / "run.json"
    # Named after this run's test database, so that two checkouts testing on one server never share it.
    database = f"{server['NAME']}_bench"
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--database", database, "--output", str(output)],
        cwd=PROJECT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "BENCH_DATABASE_URL":
             f"postgres://{server['USER']}@{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}/postgres"},
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    figures = json.loads(output.read_text())

    pages = {row["name"]: row for row in figures["pages"]["results"]}
    assert list(pages) == list(PAGE_NAMES)
    posted = pages.pop("submission form (POST, 2 MB PDF)")
    assert posted["bytes"] == 0 and posted["queries"] > 0  # the redirect after a saved paper
    for row in [posted, *pages.values()]:
        assert row["requests"] == 5 and len(row["samples_ms"]) == 5
        assert row["queries"] is not None and 0 < row["median_ms"] <= row["p95_ms"]
    assert all(row["bytes"] > 0 for row in pages.values())
    assert pages["trivial view (/robots.txt)"]["queries"] == 0

    (assigner,) = figures["assigner"]
    assert assigner["solver"]["proven_optimal"] and assigner["solver"]["missing_reviews"] == 0
    mail = figures["mail"]
    assert mail["queued"] == 300 and mail["repeats"] == 0
    assert [delivery["workers"] for delivery in mail["delivery"]] == [1, 2]
    assert "chair dashboard" in run.stdout and "x trivial" in run.stdout
