import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from submissions.pdf.active import active_content
from tests.factories import PaperFileFactory
from tests.submissions.test_active_content import ACTIVE_PDF

pytestmark = pytest.mark.django_db


def test_an_older_upload_gets_its_reviewers_copy_and_reviewers_get_it(client, panel, paper, reviewer):
    panel.double_blind = False
    panel.save()
    old = PaperFileFactory(submission=paper, content=ACTIVE_PDF, pages=1)
    assert not old.blind_copy
    output = io.StringIO()
    call_command("make_reviewers_copies", stdout=output)
    call_command("make_reviewers_copies", stdout=output)  # again: nothing left to do
    assert "Reviewers' copies made: 1;" in output.getvalue() and "Reviewers' copies made: 0;" in output.getvalue()
    old.refresh_from_db()
    assert old.active_content == ["javascript", "uri"]
    client.force_login(reviewer)
    response = client.get(reverse("reviews:review_paper_download", kwargs={"code": paper.code}))
    assert active_content(PdfReader(io.BytesIO(b"".join(response.streaming_content)))) == []
