"""`make bench`: the portal at conference scale, measured and printed as one table.

    python -m bench                      # 10,000 papers, 3,000 reviewers, 30,000 reviews
    python -m bench --reuse              # keep the generated database of an earlier run
    python -m bench --quick              # a small conference, a few requests: checks the harness

1. A PostgreSQL database of its own (`portal_bench` on the server of
   BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/), migrated
   and filled by `manage.py generate_conference` (sampledata/synthetic/).
2. gunicorn with 2 workers, DEBUG off, a redis-server of its own as broker and
   cache (no Celery worker: mail stays queued), on loopback; each key page
   (bench/conference.py) warmed up then requested one after another (bench/pages.py).
3. The assigner at 2,000 x 600 and 10,000 x 3,000 (bench/assigner.py), and the
   mail queue (bench/mail.py), each in processes of their own.
The figures are kept in bench/results/<time>-<host>.json so runs can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import report

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PASSWORD = "bench-password"


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--reviewers", type=int, default=3_000)
    parser.add_argument("--reviews-per-paper", type=int, default=3)
    parser.add_argument("--panels", type=int, default=5, help="panels sharing the papers (default 5: 2,000 each)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (30)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first (5)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the benchmark database when it already holds a generated conference of this size")
    parser.add_argument("--assigner-sizes", default="2000x600,10000x3000")
    parser.add_argument("--assigner-reference", choices=["auto", "none"], default="auto",
                        help="compute the optimum independently to compare with (auto) or not (none)")
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--deliver", type=int, default=2_000)
    parser.add_argument("--skip", nargs="*", default=[], choices=["pages", "assigner", "mail"])
    parser.add_argument("--quick", action="store_true",
                        help="200 papers, 60 reviewers, 5 requests, a 200x60 assigner and 300 mails")
    parser.add_argument("--output", type=Path, help="where to write the JSON (default bench/results/)")
    parser.add_argument("--database", default="portal_bench",
                        help="the benchmark's own database on the server (default portal_bench; dropped and created)")
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.papers, arguments.reviewers, arguments.panels = 200, 60, 2
        arguments.requests, arguments.warmup = 5, 1
        arguments.assigner_sizes, arguments.assigner_reference = "200x60", "none"
        arguments.mails, arguments.deliver = 300, 100
    return arguments


def database_urls(name: str) -> tuple[str, str]:
    """The server's maintenance database and the benchmark's own database on it."""
    server = os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER)
    parts = urlsplit(server)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit("The benchmark runs on PostgreSQL: BENCH_DATABASE_URL must be a postgres:// URL")
    if not name.isidentifier():
        raise SystemExit(f"--database {name!r}: a plain name, like portal_bench")
    return urlunsplit(parts._replace(path="/postgres")), urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(admin_url: str, name: str, *, keep: bool) -> bool:
    """Create the database (dropping an old one unless `keep`); True when it already existed and was kept."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and keep:
            return True
        if exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return False


def manage(*command: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT, env=env, check=True)


def prepare_conference(arguments, env: dict, admin_url: str) -> dict:
    """The generated conference in the benchmark database; how long generating it took."""
    kept = recreate_database(admin_url, arguments.database, keep=arguments.reuse)
    manage("migrate", "--noinput", "--verbosity=0", env=env)
    # The benchmark's own form posts add a few papers to a generated conference.
    if kept and arguments.papers <= generated_papers(env) < arguments.papers + 1_000:
        print(f"Reusing the conference of {arguments.papers:,} papers in {arguments.database}")
        return {"generated": False}
    if kept:
        recreate_database(admin_url, arguments.database, keep=False)
        manage("migrate", "--noinput", "--verbosity=0", env=env)
    started = time.perf_counter()
    manage("generate_conference", "--papers", str(arguments.papers), "--reviewers", str(arguments.reviewers),
           "--reviews-per-paper", str(arguments.reviews_per_paper), "--panels", str(arguments.panels),
           "--seed", str(arguments.seed), "--password", PASSWORD, env=env)
    return {"generated": True, "generate_s": time.perf_counter() - started}


def generated_papers(env: dict) -> int:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as connection:
        return connection.execute("SELECT count(*) FROM submissions_submission").fetchone()[0]


def measure_pages(arguments, env: dict, folder: Path) -> dict:
    os.environ.update({"DATABASE_URL": env["DATABASE_URL"], "PRIVATE_MEDIA_ROOT": env["PRIVATE_MEDIA_ROOT"]})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("SECRET_KEY", "only-for-the-benchmark-" + "x" * 40)
    import django

    django.setup()
    from bench.conference import key_pages
    from bench.pages import measure_all
    from tests.support.gunicorn import Gunicorn, clean_environment, collect_static
    from tests.support.redis import RedisServer

    pages, logins, chosen = key_pages(PASSWORD)
    redis = RedisServer(folder)
    redis.start()
    try:
        server_env = clean_environment(
            DATABASE_URL=env["DATABASE_URL"], PRIVATE_MEDIA_ROOT=env["PRIVATE_MEDIA_ROOT"],
            CELERY_BROKER_URL=redis.url(0), CACHE_URL=redis.url(1), BENCH_QUERY_COUNT="1",
            STATIC_ROOT=collect_static(folder / "static"),
        )
        with Gunicorn(server_env, workers=2) as server:
            print(f"Pages, on {server.url} (gunicorn, 2 workers, DEBUG off); panel {chosen['panel']} of "
                  f"{chosen['panel_papers']:,} papers")
            results = measure_all(server.url, pages, logins, warmup=arguments.warmup, repeats=arguments.requests)
    finally:
        redis.stop()
    return {"chosen": chosen, "results": [result.as_dict() for result in results]}


def measure_assigner(arguments) -> list[dict]:
    from bench.assigner import in_subprocess, parse_sizes, reference_method
    from bench.panels import PanelShape

    rows = []
    for papers, reviewers in parse_sizes(arguments.assigner_sizes):
        shape = PanelShape(papers, reviewers, seed=2024)
        print(f"Assigner, {papers:,} x {reviewers:,} ...", flush=True)
        result = in_subprocess("solve", shape)
        method = reference_method(shape, arguments.assigner_reference)
        reference = in_subprocess("reference", shape, method) if method else None
        rows.append({"papers": papers, "reviewers": reviewers, "solver": result, "reference": reference,
                     "reference_method": method})
    return rows


def measure_mail(arguments, admin_url: str) -> dict:
    print("Mail queue and delivery ...", flush=True)
    output = subprocess.run(
        [sys.executable, "-m", "bench.mail", "--json", "--mails", str(arguments.mails),
         "--deliver", str(arguments.deliver)],
        cwd=PROJECT, env={**os.environ, "DATABASE_URL": admin_url}, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv=None) -> None:
    arguments = parse_arguments(argv)
    admin_url, bench_url = database_urls(arguments.database)
    media = RESULTS / f"tmp-media-{arguments.database}"
    env = {**os.environ, "DATABASE_URL": bench_url, "PRIVATE_MEDIA_ROOT": str(media), "DEBUG": "0",
           "SECRET_KEY": "only-for-the-benchmark-" + "x" * 40}
    env.pop("CELERY_BROKER_URL", None)
    env.pop("REDIS_URL", None)
    run = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": report.machine(admin_url),
           "conference": {"papers": arguments.papers, "reviewers": arguments.reviewers,
                          "reviews_per_paper": arguments.reviews_per_paper, "panels": arguments.panels},
           "requests": arguments.requests, "warmup": arguments.warmup}
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    if "pages" not in arguments.skip:
        run["conference"].update(prepare_conference(arguments, env, admin_url))
        run["pages"] = measure_pages(arguments, env, folder)
    if "assigner" not in arguments.skip:
        run["assigner"] = measure_assigner(arguments)
    if "mail" not in arguments.skip:
        run["mail"] = measure_mail(arguments, admin_url)
    print()
    report.print_tables(run)
    path = arguments.output or RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.uname().nodename}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run, indent=1) + "\n")
    print(f"\nFigures kept in {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
