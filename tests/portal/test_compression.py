"""Pages travel compressed to readers on slow connections; papers do not
(a PDF gains little for the CPU it would cost)."""

import gzip

import pytest

from tests.portal.test_files import body_of, store_paper

pytestmark = pytest.mark.django_db


def test_a_page_travels_gzipped_to_a_browser_that_accepts_it(client, panel):
    plain = client.get(panel.get_absolute_url())
    compressed = client.get(panel.get_absolute_url(), headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    assert len(compressed.content) < len(plain.content) / 2
    assert panel.title in gzip.decompress(compressed.content).decode()


def test_a_paper_download_is_sent_as_it_is(client, paper, author):
    stored = store_paper(paper, data=b"%PDF-1.4\n" + b"0" * 5000 + b"\n%%EOF\n")
    client.force_login(author)
    response = client.get(stored.get_absolute_url(), headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert body_of(response).startswith(b"%PDF-1.4")
