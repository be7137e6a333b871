"""Every page of the portal (each GET row of the access matrix, as one of the
roles it lets in) shows no English interface string in Brazilian Portuguese
nor in Spanish: beyond the journeys, this catches a string translated once, in
English, when its module was imported."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import AuditEvent, CallText, Conference, MailBatch, MailTemplateOverride, OutboundMail, Panel, PanelChair, Topic, User
from reviews.models import (
    Conflict, Decision, DiscussionComment, PanelReviewer, Review, ReviewerInvitation, ReviewVersion,
)
from submissions.models import Author, DeclaredConflict, PaperFile, Submission
from tests.access.test_matrix import ROWS, cast  # noqa: F401 (the cast fixture)
from tests.i18n.english import BROWSERS, Reader

pytestmark = pytest.mark.django_db

# Rows whose text is what people wrote, each in its own language, or a mail as its recipient read it.
# Not the review form's criteria: the default ones are stored in English and must show translated.
WRITTEN_BY_USERS = (Conference, Panel, PanelChair, Topic, User, Submission, Author, PaperFile, DeclaredConflict,
                    PanelReviewer, Conflict, ReviewerInvitation, Review, ReviewVersion,
                    DiscussionComment, Decision, OutboundMail, MailBatch, MailTemplateOverride, CallText, AuditEvent)
PREFERRED_ROLES = ("author", "chair", "reviewer", "staff", "coauthor", "unassigned_reviewer", "conflicted_reviewer",
                   "other_author", "other_chair", "organiser", "anonymous")
PAGES = [row for row in ROWS if row.method == "get"]


@pytest.mark.parametrize("row", PAGES, ids=[row.id for row in PAGES])
def test_the_page_has_no_english_left(cast, row):  # noqa: F811
    role = next(role for role in PREFERRED_ROLES if role in row.allowed)
    url = reverse(row.name, kwargs=row.kwargs(cast))
    for language, browser_language in BROWSERS.items():
        User.objects.update(language=language)
        browser = Client(HTTP_ACCEPT_LANGUAGE=browser_language)
        if role != "anonymous":
            browser.force_login(cast.users[role])
        response = browser.get(url, row.data(cast))
        if response.status_code == 302:
            response = browser.get(response["Location"])
        if not response.get("Content-Type", "").startswith("text/html"):
            continue  # a PDF, a CSV, an XLSX
        reader = Reader(language)
        reader.knows(*(obj for model in WRITTEN_BY_USERS for obj in model.objects.all()))
        reader.page(response, f"{row.name} as {role}")
        reader.assert_no_english()
