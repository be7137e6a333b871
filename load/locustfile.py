"""The crowd of `make load` (python -m load starts it; see load/__main__.py).

The last hour before a call's full-paper deadline: authors sign up, follow the
link of the verification mail, save a draft with a PDF of 1 to 10 MB, submit
it, and a third of them upload a second version; reviewers save a draft of each
review they have left and submit it; two chairs page through the dashboard.
Every answer that tells the user something was saved is written to
`records.jsonl`, which the harness compares with the database afterwards.

The plan (the call's address, the form's fields, the reviewers and their
papers, the PDFs) comes from the harness in LOAD_PLAN; the verification mails
from the harness's SMTP server, one file per recipient in LOAD_MAILDIR.
"""

import itertools
import json
import os
import random
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
MAILDIR = Path(os.environ["LOAD_MAILDIR"])
RECORDS = open(os.environ["LOAD_RECORDS"], "a", buffering=1)
PDFS = [(Path(path).read_bytes(), sha) for path, sha in PLAN["pdfs"]]
_author_numbers = itertools.count(1)
_reviewers = iter(PLAN["reviewers"])
_chairs = itertools.cycle(PLAN["chairs"])
CONFIRM_LINK = re.compile(r"/accounts/confirm-email/[^/\s\"<>]+/")
CODE_IN_URL = re.compile(r"/submissions/([0-9a-f-]{36})/")


def record(kind: str, **fields) -> None:
    RECORDS.write(json.dumps({"kind": kind, "at": time.time(), **fields}) + "\n")


class FormFields(HTMLParser):
    """The fields of a form's HTML: radio groups, other inputs with their values, selects' options, textareas."""

    def __init__(self):
        super().__init__()
        self.radios: dict[str, list[str]] = {}
        self.values: dict[str, str] = {}
        self.selects: dict[str, list[str]] = {}
        self.textareas: list[str] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind == "radio":
                self.radios.setdefault(name, []).append(attrs.get("value", ""))
            elif kind not in ("submit", "button", "file", "checkbox"):
                self.values.setdefault(name, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textareas.append(name)
        elif tag == "select" and name:
            self._select = name
            self.selects[name] = []
        elif tag == "option" and self._select and attrs.get("value"):
            self.selects[self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def csrf(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not found:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)


def wait_for_mail(address: str, timeout: float = 120) -> str:
    path = MAILDIR / address
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            found = CONFIRM_LINK.search(path.read_text())
            if found:
                return found.group(0)
        gevent.sleep(0.5)
    raise RuntimeError(f"no verification mail for {address} within {timeout} s")


_addresses = itertools.count(1)


class PortalUser(HttpUser):
    abstract = True

    def from_own_address(self) -> None:
        """Each person comes from an address of their own, as the proxy in front reports it
        (X-Forwarded-For; the portal trusts one proxy), so per-address limits apply per person."""
        number = next(_addresses)
        self.client.headers["X-Forwarded-For"] = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"

    def post_form(self, url: str, data: dict, *, name: str, files=None, expect=(302,), referer_page=None):
        page = referer_page if referer_page is not None else self.client.get(url, name=name + " (GET)").text
        data = {**data, "csrfmiddlewaretoken": csrf(page)}
        with self.client.post(url, data=data, files=files, name=name, allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code} (expected {expect})")
                raise StopUser()
            return response

    def log_in(self, email: str, password: str) -> None:
        self.post_form("/accounts/login/", {"login": email, "password": password}, name="log in")


class Author(PortalUser):
    """Signs up, verifies, saves a draft with a PDF, submits; a third upload a second version."""

    fixed_count = PLAN["authors"]
    wait_time = between(1, 4)
    submission_code = None

    def on_start(self):
        self.from_own_address()
        number = next(_author_numbers)
        self.email = f"author{number}@load.example.org"
        self.pdf, self.sha = PDFS[number % len(PDFS)]
        self.second_version = number % 3 == 0

    @task
    def journey(self):
        if self.submission_code is None:
            self.sign_up()
            self.submit_paper()
        else:
            self.client.get("/submissions/", name="author dashboard")

    def sign_up(self):
        self.post_form("/accounts/signup/", {
            "email": self.email, "password1": PLAN["password"], "password2": PLAN["password"],
            "full_name": f"Load Author {self.email.split('@')[0]}", "affiliation": "Universidade de Carga",
        }, name="sign up")
        record("signed_up", email=self.email)
        link = wait_for_mail(self.email)
        self.post_form(link, {}, name="confirm email")
        record("verified", email=self.email)

    def submit_paper(self):
        form_url = PLAN["submit_url"]
        fields = {**PLAN["form"], PLAN["author_email_field"]: self.email,
                  PLAN["author_name_field"]: f"Load Author {self.email.split('@')[0]}",
                  "title": f"{PLAN['form']['title']} ({self.email.split('@')[0]})"}
        response = self.post_form(form_url, fields, name="save draft with PDF",
                                  files={"paper": ("paper.pdf", self.pdf, "application/pdf")})
        code = CODE_IN_URL.search(response.headers["Location"]).group(1)
        record("draft", email=self.email, code=code, sha256=self.sha, version=1)
        detail = self.client.get(f"/submissions/{code}/", name="submission page").text
        self.post_form(f"/submissions/{code}/submit/", {}, name="submit", referer_page=detail)
        record("submitted", email=self.email, code=code)
        self.submission_code = code
        if self.second_version:
            pdf, sha = PDFS[(PDFS.index((self.pdf, self.sha)) + 1) % len(PDFS)]
            self.post_form(f"/submissions/{code}/upload/", {}, name="upload a new version",
                           files={"paper": ("paper-v2.pdf", pdf, "application/pdf")})
            record("version", email=self.email, code=code, sha256=sha, version=2)


class Reviewer(PortalUser):
    """Saves a draft of each review left to write, then submits it."""

    fixed_count = PLAN["reviewer_count"]
    wait_time = between(2, 6)
    papers: list = []

    def on_start(self):
        self.from_own_address()
        plan = next(_reviewers)
        self.email, self.papers = plan["email"], list(plan["papers"])
        self.log_in(self.email, PLAN["reviewer_password"])

    @task
    def review_next(self):
        if not self.papers:
            self.client.get("/reviews/mine/", name="my reviews")
            return
        code = self.papers.pop(0)
        url = f"/reviews/paper/{code}/review/"
        page = self.client.get(url, name="review form").text
        fields = self.filled(page)
        self.post_form(url, {**fields, "action": "save"}, name="save review draft", referer_page=page)
        record("review_draft", email=self.email, code=code)
        gevent.sleep(random.uniform(1, 3))
        page = self.client.get(url, name="review form").text
        self.post_form(url, {**self.filled(page), "action": "submit"}, name="submit review", referer_page=page)
        record("review_submitted", email=self.email, code=code)

    @staticmethod
    def filled(page: str) -> dict:
        start = page.find('id="review-form"')
        if start < 0:
            raise RuntimeError("no review form on the page")
        parser = FormFields()
        parser.feed(page[start:page.find("</form>", start)])
        data = {name: value for name, value in parser.values.items() if name != "csrfmiddlewaretoken"}
        for name, values in parser.radios.items():
            data[name] = random.choice(values)
        for name, values in parser.selects.items():
            if values:
                data[name] = random.choice(values)
        words = ("The argument is clear and the fieldwork careful; the comparison across cases "
                 "deserves a longer discussion of its limits. ").split()
        for name in parser.textareas:
            data[name] = " ".join(random.choice(words) for _ in range(60))
        return data


class Chair(PortalUser):
    """Pages through the dashboard, sorted one way or another."""

    fixed_count = PLAN["chair_count"]
    wait_time = between(1, 3)

    def on_start(self):
        self.from_own_address()
        self.log_in(next(_chairs), PLAN["reviewer_password"])

    @task
    def page_dashboard(self):
        page = random.randint(1, PLAN["dashboard_pages"])
        sort = random.choice(["", "&sort=-overall", "&sort=reviews"])
        self.client.get(f"{PLAN['dashboard_url']}?page={page}{sort}", name="chair dashboard")


@events.quitting.add_listener
def _close_records(environment, **kwargs):
    RECORDS.close()
