"""The check's budget: a child process with a CPU and a memory limit, and
ceilings on what a PDF may unpack to; past any of them the file is refused
with a rule that says so."""

import time
from pathlib import Path

import pytest
from django.test import override_settings

from submissions import pdf
from submissions.pdf.budget import Budget, BudgetExceeded, run_within
from submissions.pdf.reading import operators_at_most, operators_in
from tests.hostile.corpus import operator_bomb, pages_pdf, zeros_compressed
from tests.pdfs import seed_paper_bytes


def spin():
    while True:
        pass


def hog():
    blocks = []
    while True:
        blocks.append(bytearray(16 * 1024 * 1024))


def answer(value):
    return {"value": value}


def refusal(data: bytes, **kwargs) -> pdf.PdfRejected:
    with pytest.raises(pdf.PdfRejected) as rejected:
        pdf.inspect_pdf_bytes(data, name="paper.pdf", page_limit=40, read_text=True, **kwargs)
    return rejected.value


def test_the_result_and_its_cost_come_back_from_the_child():
    value, usage = run_within(Budget(cpu_seconds=1, memory_mb=64, wall_seconds=10), answer, 42)
    assert value == {"value": 42}
    assert 0 <= usage.cpu_seconds < 1 and usage.memory_mb > 0 and usage.wall_seconds < 10


def test_a_check_that_spins_is_stopped_by_its_cpu_limit():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as exceeded:
        run_within(Budget(cpu_seconds=1, memory_mb=64, wall_seconds=20), spin)
    assert exceeded.value.resource == "time"
    assert 0.8 <= exceeded.value.usage.cpu_seconds <= 1.3  # the kernel accounts CPU time by ticks
    assert time.monotonic() - started < 20


def test_a_check_the_wall_clock_outlasts_is_killed():
    with pytest.raises(BudgetExceeded) as exceeded:
        run_within(Budget(cpu_seconds=30, memory_mb=64, wall_seconds=0.5), time.sleep, 10)
    assert exceeded.value.resource == "time" and exceeded.value.usage.wall_seconds < 5


def test_a_check_that_allocates_past_its_memory_is_stopped():
    with pytest.raises(BudgetExceeded) as exceeded:
        run_within(Budget(cpu_seconds=5, memory_mb=64, wall_seconds=20), hog)
    assert exceeded.value.resource == "memory"


def test_the_operator_bomb_of_issue_14_is_refused_naming_the_rule():
    bomb = operator_bomb(pages=40, repeats=150_000)
    assert len(bomb) < 2 * 1024 * 1024
    started = time.monotonic()
    rejected = refusal(bomb)
    assert time.monotonic() - started < 4  # well under 1 s of CPU; the wall time depends on the machine's load
    assert rejected.code == "pdf_too_complex"
    assert "too complex to check" in rejected.message and "export it again from your editor" in rejected.message
    assert "page 1 has more than 50,000 drawing operations" in rejected.message


def test_many_pages_each_under_the_page_ceiling_are_refused_by_the_document_ceiling():
    rejected = refusal(operator_bomb(pages=40, repeats=3_000))
    assert rejected.code == "pdf_too_complex" and "100,000 drawing operations in all" in rejected.message


def test_a_deflate_bomb_is_refused_by_the_stream_ceiling():
    from tests.hostile.corpus import raw_pdf, deflate_bomb_stream

    bomb = raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        4: deflate_bomb_stream(b"", 100),
    })
    assert len(zeros_compressed(100)) < 200_000
    assert refusal(bomb).code == "pdf_too_complex"


@override_settings(PDF_MAX_DECOMPRESSED_MB=1)
def test_the_document_ceiling_counts_every_page():
    content = b"%" + b"a comment, no operator " * 3000 + b"\n0 0 m 1 1 l S\n"  # 69 kB a page, 40 pages
    rejected = refusal(pages_pdf(40, content=content))
    assert rejected.code == "pdf_too_complex" and "unpack to more than 1 MB" in rejected.message


@override_settings(PDF_MAX_OPERATORS_PER_PAGE=1000)
def test_the_ceilings_are_settings():
    rejected = refusal(operator_bomb(pages=2, repeats=300))
    assert "page 1 has more than 1,000 drawing operations" in rejected.message


@override_settings(PDF_CHECK_SECONDS=1)
def test_a_normal_paper_is_checked_well_within_the_budget(caplog):
    caplog.set_level("INFO", logger="submissions.pdf.check")
    checked = pdf.inspect_pdf_bytes(seed_paper_bytes(), name="seed.pdf", page_limit=40, read_text=True)
    assert checked.pages == 15 and any(text for (place, _), text in checked.searchable if place == "page")
    (record,) = [record for record in caplog.records if hasattr(record, "cpu_seconds")]
    assert record.cpu_seconds < 0.5 and record.pdf_outcome == "accepted"


def test_a_call_that_is_not_double_blind_does_not_read_the_text():
    checked = pdf.inspect_pdf_bytes(seed_paper_bytes(), name="seed.pdf", page_limit=40)
    assert checked.searchable == [] and checked.reviewers_copy


def test_counting_operators_skips_strings_names_and_comments():
    content = b"BT /F1 12 Tf (Tj Tj Tj) Tj [(a) -2 (b)] TJ ET % Tj Tj\nq 1 0 0 1 0 0 cm /Im0 Do Q"
    assert operators_in(content) == 9  # BT Tf Tj TJ ET q cm Do Q
    assert operators_at_most(content) >= 9
    assert operators_in(b"(a)Tj" * 1000, stop_above=10) <= 2000


def test_a_request_interrupted_while_waiting_leaves_no_child_behind():
    import os
    import signal

    class Interrupted(Exception):
        pass

    def interrupt(signum, frame):
        raise Interrupted

    def children() -> set[str]:
        tasks = Path(f"/proc/{os.getpid()}/task")
        return {pid for task in tasks.iterdir() for pid in (task / "children").read_text().split()}

    before = children()
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.3)
    try:
        with pytest.raises(Interrupted):
            run_within(Budget(cpu_seconds=5, memory_mb=64, wall_seconds=10), time.sleep, 5)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert children() <= before
