"""`make load`: the last hour before a deadline, against the real stack.

    python -m load                       # 200 authors, 50 reviewers, 2 chairs, 5 minutes
    python -m load --run-time 60 --authors 20 --reviewers 5     # a quick look

1. A PostgreSQL database of its own (`portal_load` on the server of
   LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/; dropped and
   created), migrated and filled by `generate_conference` (one panel of 300
   papers and 60 reviewers, reviews under way); the call's full-paper deadline
   is moved to an hour from now.
2. On loopback, started here and stopped at the end: a redis-server of its own
   (broker and cache), an SMTP server in this process, a Celery worker and
   gunicorn (DEBUG off, production settings, behind what a proxy would send:
   each simulated user has its own X-Forwarded-For and the portal trusts one proxy).
3. Locust, headless, bounded in users and time (load/locustfile.py): authors
   sign up, verify, save a draft with a PDF of 1 to 10 MB, submit, a third
   upload a second version; reviewers save and submit reviews; chairs page the
   dashboard. It stops by itself after --run-time seconds.
4. Afterwards: every account, submission, version and review that got a
   success answer is in the database, every mail queued in the run was
   delivered exactly once, and check_invariants passes.
Prints one table per kind of request and the checks; keeps the figures in
load/results/<time>-<host>.json; exits non-zero on an error or a lost record.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "load" / "results"
PASSWORD = "load-password"
SENDER = "Conference portal <noreply@load.example.org>"


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--authors", type=int, default=200)
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--chairs", type=int, default=2)
    parser.add_argument("--run-time", type=int, default=300, help="seconds of load (300)")
    parser.add_argument("--spawn-rate", type=float, default=2.0, help="users started per second (2)")
    parser.add_argument("--web-workers", type=int, default=3, help="gunicorn workers (3)")
    parser.add_argument("--celery-concurrency", type=int, default=2)
    parser.add_argument("--papers", type=int, default=300, help="papers of the generated panel (300)")
    parser.add_argument("--database", default="portal_load",
                        help="the load test's own database on the server (default portal_load; dropped and created)")
    return parser.parse_args(argv)


def database_urls(name: str) -> tuple[str, str]:
    server = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(server)
    if parts.scheme not in ("postgres", "postgresql") or not name.isidentifier():
        raise SystemExit("LOAD_DATABASE_URL must be a postgres:// URL and --database a plain name")
    return urlunsplit(parts._replace(path="/postgres")), urlunsplit(parts._replace(path=f"/{name}"))


def prepare_database(arguments, env: dict) -> None:
    from bench.__main__ import manage, recreate_database

    admin_url, _ = database_urls(arguments.database)
    recreate_database(admin_url, arguments.database, keep=False)
    manage("migrate", "--noinput", "--verbosity=0", env=env)
    manage("generate_conference", "--papers", str(arguments.papers), "--reviewers", str(arguments.reviewers + 10),
           "--reviews-per-paper", "3", "--panels", "1", "--seed", "1", "--password", PASSWORD, env=env)


def setup_django(env: dict) -> None:
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "PRIVATE_MEDIA_ROOT", "SECRET_KEY",
                                                 "DEFAULT_FROM_EMAIL")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    for name in ("CELERY_BROKER_URL", "REDIS_URL", "CACHE_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()


class Sink:
    """The SMTP server of tests/support/smtp.py that also files each mail's text under its recipients."""

    def __init__(self, maildir: Path):
        from tests.support.smtp import SmtpSink

        class FilingSink(SmtpSink):
            async def handle_DATA(self, server, session, envelope):
                answer = await super().handle_DATA(server, session, envelope)
                if answer.startswith("250"):
                    arrival = self.arrivals[-1]
                    for recipient in arrival.recipients:
                        with open(maildir / recipient.lower(), "a") as box:
                            box.write(arrival.body + "\n")
                return answer

        self.server = FilingSink()


def percentile(histogram: dict, fraction: float) -> float:
    """The response time (ms) below which `fraction` of the requests fell; Locust keeps them in rounded buckets."""
    times = sorted((float(ms), count) for ms, count in histogram.items())
    wanted, seen = fraction * sum(count for _, count in times), 0
    for ms, count in times:
        seen += count
        if seen >= wanted:
            return ms
    return times[-1][0] if times else 0.0


def locust_table(path: Path, seconds: float) -> list[dict]:
    """Requests, errors, requests per second over the run, median and p95 per kind, and all together."""
    entries = json.loads(path.read_text())
    rows, everything = [], Counter()
    for entry in sorted(entries, key=lambda entry: entry["name"]):
        histogram = {float(ms): count for ms, count in entry["response_times"].items()}
        everything.update(histogram)
        rows.append({"name": entry["name"], "method": entry["method"], "requests": entry["num_requests"],
                     "failures": entry["num_failures"], "rps": entry["num_requests"] / seconds,
                     "median_ms": percentile(histogram, 0.5), "p95_ms": percentile(histogram, 0.95)})
    total = sum(row["requests"] for row in rows)
    rows.append({"name": "all", "method": "", "requests": total, "failures": sum(row["failures"] for row in rows),
                 "rps": total / seconds, "median_ms": percentile(everything, 0.5),
                 "p95_ms": percentile(everything, 0.95)})
    return rows


def run_locust(arguments, url: str, folder: Path, plan_path: Path) -> list[dict]:
    users = arguments.authors + arguments.reviewers + arguments.chairs
    env = {**os.environ, "LOAD_PLAN": str(plan_path), "LOAD_MAILDIR": str(folder / "mail"),
           "LOAD_RECORDS": str(folder / "records.jsonl")}
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / "locust"), "-f", str(PROJECT / "load" / "locustfile.py"), "--headless", "--host", url,
         "--users", str(users), "--spawn-rate", str(arguments.spawn_rate), "--run-time", f"{arguments.run_time}s",
         "--stop-timeout", "60", "--json-file", str(folder / "locust"), "--only-summary", "--loglevel", "WARNING",
         "--exit-code-on-error", "0"],
        cwd=PROJECT, env=env, check=True, timeout=arguments.run_time + 300,
    )
    return locust_table(folder / "locust.json", arguments.run_time)


def serve_and_load(arguments, env: dict, folder: Path, plan_path: Path) -> dict:
    from load import checks
    from portal.models import OutboundMail
    from tests.support.gunicorn import Gunicorn, clean_environment, collect_static
    from tests.support.redis import RedisServer
    from tests.support.worker import CeleryWorker

    (folder / "mail").mkdir()
    redis = RedisServer(folder)
    redis.start()
    sink = Sink(folder / "mail").server
    first_id = OutboundMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    server_env = clean_environment(
        DATABASE_URL=env["DATABASE_URL"], PRIVATE_MEDIA_ROOT=env["PRIVATE_MEDIA_ROOT"],
        CELERY_BROKER_URL=redis.url(0), CACHE_URL=redis.url(1), EMAIL_URL=sink.url,
        DEFAULT_FROM_EMAIL=SENDER, STATIC_ROOT=collect_static(folder / "static"),
        ALLAUTH_TRUSTED_PROXY_COUNT="1", WEB_CONCURRENCY=str(arguments.web_workers),
    )
    try:
        with sink, CeleryWorker(server_env, concurrency=arguments.celery_concurrency, name="load-worker"), \
                Gunicorn(server_env, workers=arguments.web_workers) as server:
            server_env["SITE_URL"] = server.url
            print(f"Load: {arguments.authors} authors, {arguments.reviewers} reviewers, {arguments.chairs} chairs "
                  f"for {arguments.run_time} s against {server.url}", flush=True)
            started = time.monotonic()
            table = run_locust(arguments, server.url, folder, plan_path)
            elapsed = time.monotonic() - started
            # Requests Locust gave up on at the end may still be queued in gunicorn, and may still
            # queue mail: gunicorn finishes them (a graceful stop) before the outbox is counted.
            server.stop(timeout=120)
            unsent = checks.wait_for_outbox(first_id, timeout=180)
            arrivals = sink.message_ids()
    finally:
        redis.stop()
    return {"table": table, "elapsed_s": elapsed, "first_mail_id": first_id, "unsent_after_wait": unsent,
            "arrivals": arrivals}


def report(run: dict) -> None:
    print(f"\n{'kind':<28} {'requests':>8} {'errors':>6} {'req/s':>7} {'median ms':>10} {'p95 ms':>8}")
    for row in run["table"]:
        print(f"{row['name']:<28} {row['requests']:>8} {row['failures']:>6} {row['rps']:>7.2f} "
              f"{row['median_ms']:>10.0f} {row['p95_ms']:>8.0f}")
    counts = Counter(record["kind"] for record in run["records"])
    print("\nSuccess answers: " + ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items())))
    print("Lost (success answer, not in the database): "
          + ", ".join(f"{kind} {len(rows)}" for kind, rows in run["lost"].items()))
    mail = run["mail"]
    print(f"Mail queued in the run {mail['queued']}, sent {mail['sent']}, not sent {mail['not_sent']}, "
          f"sent but not received {mail['sent_not_received']}, received twice {mail['received_twice']}, "
          f"submissions without a receipt {len(mail['submissions_without_mail'])}")
    print("check_invariants: " + ("passed" if run["invariants_ok"] else "FAILED\n" + run["invariants_output"]))


def failed(run: dict) -> bool:
    errors = sum(row["failures"] for row in run["table"])
    lost = sum(len(rows) for rows in run["lost"].values())
    mail = run["mail"]
    return bool(errors or lost or mail["not_sent"] or mail["sent_not_received"] or mail["received_twice"]
                or mail["submissions_without_mail"] or not run["invariants_ok"])


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    _, load_url = database_urls(arguments.database)
    folder = Path(tempfile.mkdtemp(prefix="load-"))
    env = {**os.environ, "DATABASE_URL": load_url, "PRIVATE_MEDIA_ROOT": str(folder / "media"), "DEBUG": "0",
           "SECRET_KEY": "only-for-the-load-test-" + "x" * 40, "DEFAULT_FROM_EMAIL": SENDER}
    for name in ("CELERY_BROKER_URL", "REDIS_URL", "CACHE_URL", "EMAIL_URL"):
        env.pop(name, None)
    print(f"Preparing {arguments.database} ...", flush=True)
    prepare_database(arguments, env)
    setup_django(env)
    from bench.report import machine
    from load import checks
    from load.plan import build_plan

    plan = build_plan(folder=folder, authors=arguments.authors, reviewers=arguments.reviewers,
                      chairs=arguments.chairs, password=PASSWORD)
    plan_path = folder / "plan.json"
    plan_path.write_text(json.dumps(plan))
    run = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine(load_url),
           "arguments": vars(arguments), "load1_before": os.getloadavg()[0]}
    try:
        run.update(serve_and_load(arguments, env, folder, plan_path))
    finally:
        shutil.rmtree(folder / "media", ignore_errors=True)  # up to a few GB of uploaded papers
    run["load1_after"] = os.getloadavg()[0]
    run["records"] = checks.read_records(folder / "records.jsonl")
    run["lost"] = checks.lost_records(run["records"])
    run["mail"] = checks.mail_figures(run["first_mail_id"], run["records"], run.pop("arrivals"))
    run["invariants_ok"], run["invariants_output"] = checks.invariants()
    report(run)
    path = RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.uname().nodename}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({key: value for key, value in run.items() if key != "records"}, indent=1) + "\n")
    print(f"\nFigures kept in {path}")
    shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed(run) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
