"""The benchmark's one table (pages, assigner, mail) against the targets of
the benchmark issue, and a description of the machine it ran on."""

from __future__ import annotations

import os
import platform

from bench.pages import TRIVIAL

PAGE_MEDIAN_MS = 100
PAGE_P95_MS = 250
TIMES_TRIVIAL = 3  # the chair dashboard and the bid page, against the trivial view's median
TIMES_TRIVIAL_PAGES = ("chair dashboard", "bid page (500 papers)")
ASSIGNER_SECONDS, ASSIGNER_MB = 60, 4096
QUEUE_SECONDS_PER_10000 = 10


def machine(database_url: str) -> dict:
    """CPU, cores, memory, Python and PostgreSQL versions."""
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    memory_kb = next((int(line.split()[1]) for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), 0)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu": cpu, "cores": cores, "memory_gb": round(memory_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "postgresql": _postgresql_version(database_url),
            "host": os.uname().nodename}


def _lines(path: str) -> list[str]:
    try:
        with open(path) as file:
            return file.read().splitlines()
    except OSError:
        return []


def _postgresql_version(database_url: str) -> str:
    try:
        import psycopg

        with psycopg.connect(database_url) as connection:
            return connection.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # the table says so rather than failing the run
        return f"unknown ({type(error).__name__})"


def page_verdict(row: dict, trivial_ms: float) -> str:
    misses = []
    if row["median_ms"] >= PAGE_MEDIAN_MS:
        misses.append(f"median {row['median_ms'] / PAGE_MEDIAN_MS:.1f}x the {PAGE_MEDIAN_MS} ms target")
    if row["p95_ms"] >= PAGE_P95_MS:
        misses.append(f"p95 {row['p95_ms'] / PAGE_P95_MS:.1f}x the {PAGE_P95_MS} ms target")
    if row["name"] in TIMES_TRIVIAL_PAGES and row["median_ms"] > TIMES_TRIVIAL * trivial_ms:
        misses.append(f"{row['median_ms'] / trivial_ms:.1f}x trivial (target {TIMES_TRIVIAL}x)")
    return "; ".join(misses) or "ok"


def page_rows(run: dict) -> list[str]:
    results = run["pages"]["results"]
    trivial_ms = next(row["median_ms"] for row in results if row["name"] == TRIVIAL)
    lines = [f"{'page':<34} {'median ms':>9} {'p95 ms':>8} {'x trivial':>9} {'queries':>7} {'KB':>7} {'sent KB':>7}  target"]
    for row in results:
        queries = "-" if row["queries"] is None else str(row["queries"])
        lines.append(
            f"{row['name']:<34} {row['median_ms']:>9.1f} {row['p95_ms']:>8.1f} "
            f"{row['median_ms'] / trivial_ms:>9.1f} {queries:>7} {row['bytes'] / 1024:>7.1f} "
            f"{row['wire_bytes'] / 1024:>7.1f}  "
            f"{page_verdict(row, trivial_ms) if row['name'] != TRIVIAL else 'the ceiling'}"
        )
    return lines


def assigner_rows(run: dict) -> list[str]:
    lines = [f"{'assigner (k=3)':<34} {'seconds':>9} {'peak MB':>8} {'of optimum':>10}  target"]
    for row in run["assigner"]:
        solver, reference = row["solver"], row["reference"]
        fraction = (f"{solver['objective'] / reference['optimum']:.6f}" if reference and reference["optimum"]
                    else "proven" if solver["proven_optimal"] else "NOT proven")
        misses = []
        if solver["total_s"] >= ASSIGNER_SECONDS:
            misses.append(f"{solver['total_s'] / ASSIGNER_SECONDS:.1f}x the {ASSIGNER_SECONDS} s target")
        if solver["rss_peak_mb"] >= ASSIGNER_MB:
            misses.append(f"{solver['rss_peak_mb'] / ASSIGNER_MB:.1f}x the 4 GB target")
        if not solver["proven_optimal"]:
            misses.append("not proven optimal")
        size = f"{row['papers']:,} papers x {row['reviewers']:,} reviewers"
        lines.append(f"{size:<34} {solver['total_s']:>9.1f} {solver['rss_peak_mb']:>8.0f} {fraction:>10}  "
                     f"{'; '.join(misses) or 'ok'}")
    return lines


def mail_rows(run: dict) -> list[str]:
    mail = run["mail"]
    if mail["queued"] < 10_000:
        verdict = "the target is for 10,000"
    elif mail["queue_s"] < QUEUE_SECONDS_PER_10000:
        verdict = "ok"
    else:
        verdict = f"{mail['queue_s'] / QUEUE_SECONDS_PER_10000:.1f}x the {QUEUE_SECONDS_PER_10000} s target"
    lines = [f"{'mail':<34} {'seconds':>9} {'mails/s':>8}",
             f"{'queue ' + format(mail['queued'], ',') + ' decision mails':<34} {mail['queue_s']:>9.2f} "
             f"{mail['queued'] / mail['queue_s']:>8.0f}  {verdict}"]
    for delivery in mail["delivery"]:
        label = f"deliver {delivery['mails']:,} over SMTP, {delivery['workers']} worker(s)"
        lines.append(f"{label:<34} {delivery['seconds']:>9.1f} {delivery['mails'] / delivery['seconds']:>8.0f}")
    lines.append(f"{'repeated deliveries':<34} {mail['repeats']:>9}")
    return lines


def print_tables(run: dict) -> None:
    box = run["machine"]
    conference = run["conference"]
    print(f"Machine: {box['cpu']}, {box['cores']} cores, {box['memory_gb']} GB; Python {box['python']}, "
          f"PostgreSQL {box['postgresql']}")
    if "pages" in run:
        print(f"Conference: {conference['papers']:,} papers, {conference['reviewers']:,} reviewers, "
              f"{conference['papers'] * conference['reviews_per_paper']:,} reviews in {conference['panels']} panels"
              + (f" (generated in {conference['generate_s']:.0f} s)" if conference.get("generate_s") else ""))
        print(f"Pages: {run['requests']} requests each after {run['warmup']} warm-up, one at a time; "
              f"panel of {run['pages']['chosen']['panel_papers']:,} papers")
        print("\n".join(page_rows(run)))
    if "assigner" in run:
        print()
        print("\n".join(assigner_rows(run)))
    if "mail" in run:
        print()
        print("\n".join(mail_rows(run)))
