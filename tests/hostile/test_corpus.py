"""Every file of the hostile corpus through the real submission form and check
(a double-blind call, so the text is read too): never a server error; a
refusal names its rule next to the field, keeps what was typed and leaves no
row and no file; an acceptance stores the paper, reports its active content
and gives reviewers a copy with none of it and no annotation text; and the
check keeps to its budget (CPU and wall time per file).

The whole corpus (`-m hostile`, `make test-hostile`, about two minutes) runs
in CI's first lane; a sample of each family runs in the default lane. Each
run writes its figures to test-artifacts/hostile-corpus.json.
"""

import io
import json
import logging
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from submissions.models import PaperFile, Submission
from submissions.pdf.active import active_content
from submissions.pdf.check import budget
from tests.hostile.corpus_active import every_case
from tests.pdfs import upload
from tests.seed_paper import form_data, seed_paper

pytestmark = pytest.mark.django_db

CASES = every_case()
# One of each family runs in the default lane; all of them with -m hostile.
SAMPLE = {
    "truncated-at-1000", "truncated-at-28794-with-eof", "byte-flip-3", "encrypted-owner-password-only-RC4-40",
    "deflate-bomb-page-content-200MB", "object-stream-bomb", "page-tree-kids-cycle-two-nodes", "ten-thousand-pages",
    "operator-bomb-issue-14", "open-action-javascript", "link-go-to-then-javascript", "text-annotation-names-the-author",
    "exe-renamed", "html-prologue-polyglot", "zero-bytes", "file-name-2",
}
TYPED_TITLE = "A title the author typed before choosing a hostile file"
ACTIVE_NAMES = (b"/JavaScript", b"/JS", b"/Launch", b"/URI", b"/SubmitForm", b"/ImportData", b"/EmbeddedFile",
                b"/RichMedia", b"/GoToR", b"/GoToE", b"/OpenAction", b"/AA")
# The request around the check (form, storage, the reviewers' copy) on a shared 2-core CI machine.
REQUEST_SECONDS = 6.0
FIGURES = Path(settings.BASE_DIR) / "test-artifacts" / "hostile-corpus.json"
_figures: list[dict] = []


def test_the_corpus_is_large_and_covers_every_family():
    assert len(CASES) >= 150
    assert SAMPLE <= {case.name for case in CASES}


def _params():
    for case in CASES:
        marks = [] if case.name in SAMPLE else [pytest.mark.hostile]
        yield pytest.param(case, id=case.name, marks=marks)


PARAMS = list(_params())


@pytest.fixture
def author(client):
    from tests.factories import UserFactory

    user = UserFactory(email="gilberto.rodrigues@ufabc.edu.br", full_name="Gilberto Marcos Antonio Rodrigues")
    client.force_login(user)
    return user


@pytest.fixture
def call(panel):
    panel.page_limit, panel.pdf_max_mb, panel.double_blind = 40, 10, True
    panel.save()
    return panel


def _post(client, panel, case):
    paper = seed_paper()
    paper["title"] = TYPED_TITLE
    data = form_data(paper, topics=panel.topics.all()[:1])
    data["paper"] = upload(case.data, case.filename)
    url = reverse("submissions:create", kwargs={"conference_slug": panel.conference.slug, "panel_slug": panel.slug})
    started = time.monotonic()
    response = client.post(url, data)
    return response, time.monotonic() - started


@pytest.mark.parametrize("case", PARAMS)
def test_a_hostile_upload_is_refused_by_a_named_rule_or_accepted_safely(client, call, author, case, stored_files,
                                                                        caplog):
    caplog.set_level(logging.INFO, logger="submissions.pdf.check")
    response, seconds = _post(client, call, case)

    assert response.status_code in (200, 302), response.status_code
    checks = [record for record in caplog.records if hasattr(record, "cpu_seconds")]
    outcome = "accepted" if response.status_code == 302 else _refusal(response)
    _figures.append({"case": case.name, "bytes": len(case.data), "outcome": outcome, "request_seconds": round(seconds, 3),
                     **({key: getattr(checks[0], key) for key in ("cpu_seconds", "memory_mb", "wall_seconds")}
                        if checks else {})})
    assert outcome in case.expect, f"{case.name}: {outcome}, expected one of {sorted(case.expect)}"
    assert seconds < REQUEST_SECONDS
    for check in checks:
        assert check.cpu_seconds <= settings.PDF_CHECK_SECONDS + 0.25
        assert check.wall_seconds <= budget().wall_seconds + 0.5
        assert check.memory_mb <= settings.PDF_CHECK_MEMORY_MB + 400  # the inherited process plus the budget
    if outcome == "accepted":
        _assert_stored_safely(case)
    else:
        assert TYPED_TITLE in response.content.decode()
        assert not Submission.objects.exists() and not PaperFile.objects.exists()
        assert stored_files() == []


def _refusal(response) -> str:
    errors = response.context["form"].errors.as_data().get("paper", [])
    assert errors, "refused, but no message next to the file field"
    message = errors[0].messages[0]
    assert len(message) > 20 and message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    return errors[0].code


def _assert_stored_safely(case):
    paper = PaperFile.objects.get()
    assert set(paper.active_content) == set(case.active)
    assert len(paper.original_name) <= 255
    copy = paper.blind_copy.read()
    reader = PdfReader(io.BytesIO(copy))
    assert len(reader.pages) == paper.pages
    assert active_content(reader) == []
    for name in ACTIVE_NAMES:
        assert name + b" " not in copy and name + b"(" not in copy and name + b"<" not in copy, name
    for text in case.hidden:
        assert text.encode() not in copy


@pytest.fixture(scope="module", autouse=True)
def _write_figures():
    yield
    if _figures:
        FIGURES.parent.mkdir(exist_ok=True)
        worst = sorted(_figures, key=lambda row: row.get("wall_seconds", 0), reverse=True)
        FIGURES.write_text(json.dumps({"files": len(_figures), "worst": worst[:10], "all": _figures}, indent=1))
