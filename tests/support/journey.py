"""A signed-in author's journey over HTTP against a real gunicorn, for the
tests of faults and of two nodes (tests/deploy): the demo call, an author
account whose password gunicorn can check, log-in, saving a draft with the
seed paper."""

import re

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from sampledata.demo import demo_load
from tests.factories import PASSWORD, UserFactory
from tests.pdfs import seed_paper_bytes
from tests.seed_paper import form_data, seed_paper
from tests.support.gunicorn import collect_static


@pytest.fixture
def call(tmp_path_factory):
    """The demo call, an author with an account, and the static files gunicorn serves."""
    panel, _logins = demo_load()
    author = seed_paper()["authors"][0]
    user = UserFactory(email=author["email"], full_name=author["name"])
    # Hashed as production hashes it (the suite's settings use a fast hasher gunicorn does not know).
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])
    return {"panel": panel, "user": user, "static": collect_static(tmp_path_factory.getbasetemp() / "static")}


def post(session, url: str, data: dict, **kwargs) -> requests.Response:
    return session.post(url, data={**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                        allow_redirects=False, timeout=30, **kwargs)


def signed_in(site: str, user) -> requests.Session:
    browser = requests.Session()
    browser.get(site + reverse("account_login"), timeout=30)
    response = post(browser, site + reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))[:3000]
    return browser


def save_draft(browser, site: str, panel, title: str) -> requests.Response:
    paper = seed_paper()
    paper["title"] = title
    url = site + reverse("submissions:create", kwargs={"conference_slug": panel.conference.slug,
                                                       "panel_slug": panel.slug})
    return post(browser, url, form_data(paper, topics=list(panel.topics.all()[:2])),
                files={"paper": ("paper.pdf", seed_paper_bytes(), "application/pdf")})


def saved_code(response: requests.Response) -> str:
    assert response.status_code == 302, response.text[-1000:]
    return re.search(r"/submissions/([0-9a-f-]{36})/", response.headers["Location"]).group(1)


