"""Benchmark of the outbox: how long queuing 10,000 decision mails takes, and
how fast real Celery workers deliver them to a local SMTP server.

    python -m bench.mail                      # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal python -m bench.mail

It works in a database of its own (created and dropped: `bench_<name>` on
PostgreSQL, a temporary file for SQLite), starts its own redis-server and an
SMTP server in this process, and never touches the real data or the shared
Redis. Options: --mails (queued, 10,000), --deliver (delivered per worker
count, 2,000), --workers (1 2).
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "only-for-the-benchmark-" + "x" * 40)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.mail", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mails", type=int, default=10_000, help="decision mails to queue (10,000)")
    parser.add_argument("--deliver", type=int, default=2_000, help="mails to deliver for each worker count (2,000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker processes to try (1 2)")
    parser.add_argument("--json", action="store_true", help="end with the figures as one line of JSON")
    return parser.parse_args(argv)


def make_database(folder: Path) -> str:
    """Create and migrate the benchmark's own database; return its original name."""
    from django.db import connection

    original = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(folder / "bench.sqlite3")
    else:
        connection.settings_dict["TEST"]["NAME"] = f"bench_{original}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return original


def decision_recipients(panel, count: int):
    from portal.mail.queue import Recipient
    from portal.models import User

    # A third of the authors have accounts (their language and time zone apply).
    languages = ["en", "pt-br", "es"]
    User.objects.bulk_create(
        User(email=f"author{n:05d}@university.example.org", full_name=f"Author {n}", language=languages[n % 3])
        for n in range(0, count, 3)
    )
    return [
        Recipient(to=f"author{n:05d}@university.example.org", context={"placeholders": {
            "author_name": f"Author {n}", "title": f"Paradiplomacy and city networks, part {n}",
            "decision": "accepted", "note": "Please upload the camera-ready version within two weeks.",
            "reviews": "Reviewer 1: a clear and useful paper.\n\nReviewer 2: shorten the method section.",
            "panel_title": panel.title, "conference_name": panel.conference.name,
            "submission_url": f"https://portal.example.org/submissions/{n}/",
        }})
        for n in range(count)
    ]


def queue_decisions(count: int):
    from django.db import transaction

    from portal.mail.queue import mail_queue_bulk
    from portal.models import Conference, MailTemplateOverride, Panel

    conference = Conference.objects.create(name="International Studies Conference", short_name="ISC", slug="isc")
    panel = Panel.objects.create(
        conference=conference, slug="security", title="Security practices on the move", description="A panel.",
        opens_at="2026-01-01T00:00Z", submission_deadline="2026-03-01T00:00Z", state=Panel.State.OPEN,
    )
    MailTemplateOverride.objects.create(
        panel=panel, template="decision", subject="Decision on “{title}”",
        body="Dear {author_name},\n\nYour paper “{title}” to {panel_title} was {decision}.\n\n{note}\n\n"
             "The reviewers' comments:\n\n{reviews}\n\nYour paper: {submission_url}",
    )
    recipients = decision_recipients(panel, count)
    started = time.perf_counter()
    with transaction.atomic():
        batch = mail_queue_bulk(template="decision", recipients=recipients, panel=panel, description="Decisions")
    return batch, time.perf_counter() - started


def measure_delivery(*, ids: list[int], workers: int, broker_url: str, smtp) -> float:
    from portal.celery import app
    from portal.mail.tasks import dispatch_many
    from tests.support.worker import CeleryWorker, portal_environment

    env = portal_environment(broker_url=broker_url, EMAIL_URL=smtp.url)
    started_workers = [CeleryWorker(env, concurrency=1).start() for _ in range(workers)]
    try:
        before = len(smtp.message_ids())
        started = time.perf_counter()
        dispatch_many(ids)
        arrived = smtp.wait_for_distinct(before + len(ids), timeout=600)
        elapsed = time.perf_counter() - started
    finally:
        for worker in started_workers:
            worker.stop()
        app.control.purge()
    if arrived < before + len(ids):
        raise SystemExit(f"only {arrived - before} of {len(ids)} mails arrived in time")
    return elapsed


def main(argv=None) -> None:
    arguments = parse_arguments(argv)
    from tests.support.redis import RedisServer

    folder = Path(tempfile.mkdtemp(prefix="bench-mail-"))
    redis = RedisServer(folder)
    redis.start()
    os.environ["CELERY_BROKER_URL"] = redis.url()
    import django

    django.setup()
    from django.db import connection

    from portal.celery import app
    from portal.models import OutboundMail
    from tests.support.smtp import SmtpSink

    original = make_database(folder)
    figures = {"database": connection.vendor, "delivery": []}
    try:
        batch, seconds = queue_decisions(arguments.mails)
        figures.update(queued=batch.size, queue_s=seconds)
        print(f"Database: {connection.vendor}")
        print(f"Queued {batch.size:,} decision mails (rendered, written, handed to Celery) "
              f"in {seconds:.2f} s: {batch.size / seconds:,.0f} mails/s")
        app.control.purge()  # the batch's fan-out message: the workers below take their share by id
        ids = list(OutboundMail.objects.filter(batch=batch).order_by("id").values_list("pk", flat=True))
        with SmtpSink() as smtp:
            for n, workers in enumerate(arguments.workers):
                share = ids[n * arguments.deliver:(n + 1) * arguments.deliver]
                elapsed = measure_delivery(ids=share, workers=workers, broker_url=redis.url(), smtp=smtp)
                figures["delivery"].append({"workers": workers, "mails": len(share), "seconds": elapsed})
                print(f"Delivered {len(share):,} mails to a local SMTP server with {workers} worker(s) "
                      f"in {elapsed:.1f} s: {len(share) / elapsed:,.0f} mails/s")
            figures["repeats"] = smtp.repeats()
            print(f"Repeated deliveries: {smtp.repeats()}")
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
        redis.stop()
    if arguments.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
