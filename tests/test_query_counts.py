"""The benchmarked pages at conference scale (issue 9): each runs the same
number of SQL queries for a handful of papers, reviews, authors or bids as
for many, asserted with one bound per page at both sizes. A bound is the
page's count today plus a small margin; its comment says what the queries are.

Every signed-in page starts with the same three: the session, the user, and
the navigation's two questions (is the user in a pool, which panels do they
chair) — "the frame" below."""

import difflib
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from portal.models import User
from reviews.models import Bid, PanelReviewer
from reviews.selectors.pool import papers_for_bidding
from submissions.models import Submission
from tests import factories
from tests.pdfs import make_pdf, upload
from tests.reviews.helpers import add_reviewed_papers, open_bidding, panel_url
from tests.reviews.reviewing_factories import assign, draft_review, submit_review, upload_paper
from tests.seed_paper import form_data, seed_paper

pytestmark = pytest.mark.django_db

SMALL, LARGE = 5, 40


def same_queries(small, large):
    """Not only under the bound: exactly as many queries at both sizes."""
    def shapes(context):
        return [re.sub(r"\d+|'[^']*'", "?", query["sql"])[:160] for query in context.captured_queries]

    assert len(large.captured_queries) == len(small.captured_queries), "\n".join(
        difflib.unified_diff(shapes(small), shapes(large), lineterm="", n=0))


# 1. The public call page ----------------------------------------------------

# The panel with its conference and its chairs (with their users), its topics; nothing for a visitor's session.
CALL_PAGE_QUERIES = 3 + 2


def test_a_visitor_reads_a_call_with_40_topics_and_chairs_in_as_many_queries_as_with_5(
    client, panel, django_assert_max_num_queries,
):
    def grow(count):
        for _ in range(count):
            factories.TopicFactory(panel=panel, number=panel.topics.count() + 1)
            factories.PanelChairFactory(panel=panel)

    grow(SMALL)
    with django_assert_max_num_queries(CALL_PAGE_QUERIES) as small:
        assert client.get(panel.get_absolute_url()).status_code == 200
    grow(LARGE - SMALL)
    with django_assert_max_num_queries(CALL_PAGE_QUERIES) as large:
        page = client.get(panel.get_absolute_url()).content.decode()
    same_queries(small, large)
    assert page.count("Question ") >= LARGE


# 2. The author's dashboard --------------------------------------------------

# Session and user (2), the author's papers, found by her verified addresses in a subquery
# (1), one query each for their authors, files, topics and declared conflicts (4), the
# verified addresses the permission checks share (1), the navigation (2).
AUTHOR_DASHBOARD_QUERIES = 10 + 2


def test_an_author_with_40_papers_sees_her_dashboard_in_as_many_queries_as_with_5(
    client, panel, author, django_assert_max_num_queries,
):
    def grow(count):
        for _ in range(count):
            submission = factories.SubmissionFactory(panel=panel, created_by=author)
            factories.AuthorFactory(submission=submission)
            factories.PaperFileFactory(submission=submission)
            submission.topics.set(panel.topics.all())

    client.force_login(author)
    grow(SMALL)
    with django_assert_max_num_queries(AUTHOR_DASHBOARD_QUERIES) as small:
        client.get(reverse("submissions:dashboard"))
    grow(LARGE - SMALL)
    with django_assert_max_num_queries(AUTHOR_DASHBOARD_QUERIES) as large:
        response = client.get(reverse("submissions:dashboard"))
    same_queries(small, large)
    assert response.content.decode().count("submission-card") == LARGE


# 3. The submission form: shown, posted with a PDF, edited ---------------------

# Session and user (2), the panel with its conference and chairs (2), its topics (1),
# the author's verified addresses (1), the navigation (2), the topics the form offers (1).
SUBMISSION_FORM_QUERIES = 9 + 2


def create_url(panel):
    return reverse("submissions:create", kwargs={"conference_slug": panel.conference.slug, "panel_slug": panel.slug})


def test_the_submission_form_of_a_call_with_40_topics_costs_what_it_costs_with_5(
    client, panel, author, django_assert_max_num_queries,
):
    client.force_login(author)
    for number in range(4, SMALL + 1):
        factories.TopicFactory(panel=panel, number=number)
    with django_assert_max_num_queries(SUBMISSION_FORM_QUERIES) as small:
        assert client.get(create_url(panel)).status_code == 200
    for number in range(SMALL + 1, LARGE + 1):
        factories.TopicFactory(panel=panel, number=number)
    with django_assert_max_num_queries(SUBMISSION_FORM_QUERIES) as large:
        page = client.get(create_url(panel)).content.decode()
    same_queries(small, large)
    assert f"Question {LARGE}" in page or page.count('name="topics"') >= LARGE


def paper_with(author, *, coauthors: int) -> dict:
    """The seed paper as `author` types it, with `coauthors` more co-authors after the seed's second author."""
    paper = seed_paper()
    paper["authors"][0]["email"] = author.email
    paper["authors"] += [
        {"name": f"Co-author {n}", "email": f"coauthor.{n}@institute.example.org", "affiliation": "Institute",
         "country": "BR", "orcid": ""}
        for n in range(coauthors)
    ]
    return paper


# The form's reads: session and user, the panel and its chairs, its topics, the author's
# addresses, the topics the form checks (7); then in one transaction: the savepoint and its
# release (2), the panel's lock and next number (2), the paper (1), its topics read and
# written (2), its authors read and all inserted at once (2), its declared conflicts read,
# cleared and all inserted at once (3), the PDF's next version and the authors for the
# identity check (2), the file (1), the audit record (1); the PDF shown in the warning (1).
CREATE_SUBMISSION_QUERIES = 24 + 2


def test_submitting_a_paper_with_20_authors_topics_and_conflicts_costs_what_2_authors_cost(
    client, panel, author, django_assert_max_num_queries,
):
    client.force_login(author)
    for number in range(4, 21):
        factories.TopicFactory(panel=panel, number=number)
    topics = list(panel.topics.order_by("number"))
    ContentType.objects.get_for_model(Submission)  # cached by a running server's first request
    rival = {"name": "Rival", "email": "rival@rivals.example.org", "institution": "Rival U", "reason": "co-author"}
    few = form_data(paper_with(author, coauthors=0), topics=topics[:1], conflicts=[rival]) | {
        "paper": upload(make_pdf())}
    with django_assert_max_num_queries(CREATE_SUBMISSION_QUERIES) as small:
        assert client.post(create_url(panel), few).status_code == 302
    conflicts = [{"name": f"Rival {n}", "email": f"rival{n}@rivals.example.org", "institution": "Rival U",
                  "reason": "co-author"} for n in range(10)]
    many = form_data(paper_with(author, coauthors=18), topics=topics, conflicts=conflicts) | {
        "paper": upload(make_pdf())}
    with django_assert_max_num_queries(CREATE_SUBMISSION_QUERIES) as large:
        assert client.post(create_url(panel), many).status_code == 302
    same_queries(small, large)
    assert [s.authors.count() for s in Submission.objects.order_by("number")] == [2, 20]


# The frame (4), the submission with its panel and one query each for its authors,
# files, topics and declared conflicts (5), the author's addresses (1), the topics (1).
EDIT_FORM_QUERIES = 11 + 2


def edit_url(paper):
    return reverse("submissions:edit", kwargs={"code": paper.code})


def test_the_edit_form_of_a_paper_with_40_authors_costs_what_it_costs_with_5(
    client, paper, author, django_assert_max_num_queries,
):
    client.force_login(author)
    factories.PaperFileFactory(submission=paper)
    for _ in range(SMALL - 1):
        factories.AuthorFactory(submission=paper)
    with django_assert_max_num_queries(EDIT_FORM_QUERIES) as small:
        assert client.get(edit_url(paper)).status_code == 200
    for _ in range(LARGE - SMALL):
        factories.AuthorFactory(submission=paper)
        factories.PaperFileFactory(submission=paper)
    with django_assert_max_num_queries(EDIT_FORM_QUERIES) as large:
        assert client.get(edit_url(paper)).status_code == 200
    same_queries(small, large)


def edited(paper, topic) -> dict:
    """The edit form's POST: every author kept, each with a new affiliation, one more co-author, and `topic`."""
    authors = [
        {"name": a.name, "email": a.email, "affiliation": "A new affiliation", "country": "BR", "orcid": "",
         "is_corresponding": a.is_corresponding}
        for a in paper.authors.order_by("position")
    ]
    count = len(authors)
    authors.append({"name": f"Late co-author {count}", "email": f"late{count}@institute.example.org",
                    "affiliation": "Institute", "country": "BR", "orcid": ""})
    typed = seed_paper() | {"authors": authors}
    return form_data(typed, topics=[topic], initial_authors=count)


# The form's reads: session and user, the submission and one query each for its authors,
# files, topics and declared conflicts, the author's addresses, the topics (9); then in one
# transaction: savepoint and release (2), the locked paper and its authors for the rule (2),
# its update (1), topics read, compared, removed and added (4), the authors before, then read,
# mark cleared, one update and one insert for them all (5), declared conflicts (1), the
# identity check of the current PDF (3), the audit record (1), and the receipts to every
# author: the authors and the PDF (2), their accounts (1), one insert for every mail (1).
EDIT_SUBMISSION_QUERIES = 32 + 2


def test_editing_a_submitted_paper_with_20_authors_costs_what_it_costs_with_3(
    client, paper, author, coauthor, django_assert_max_num_queries,
):
    client.force_login(author)
    factories.PaperFileFactory(submission=paper)
    ContentType.objects.get_for_model(Submission)  # cached by a running server's first request
    first, second, third = paper.panel.topics.order_by("number")[:3]
    paper.topics.set([third])
    data = edited(paper, first)
    with django_assert_max_num_queries(EDIT_SUBMISSION_QUERIES) as small:
        assert client.post(edit_url(paper), data).status_code == 302
    for _ in range(20 - paper.authors.count()):
        factories.AuthorFactory(submission=paper)
    data = edited(paper, second)
    with django_assert_max_num_queries(EDIT_SUBMISSION_QUERIES) as large:
        assert client.post(edit_url(paper), data).status_code == 302
    same_queries(small, large)
    assert set(paper.authors.values_list("affiliation", flat=True)) <= {"A new affiliation", "Institute"}
    assert paper.authors.count() == 21


# 4. The reviewer's list of papers ---------------------------------------------

# Session and user (2), the assignments with their papers, panels, conferences, the state
# of each review and whether it has a PDF, in one query (1), the navigation (2).
MY_REVIEWS_QUERIES = 5 + 2


def test_a_reviewer_with_40_papers_lists_them_in_as_many_queries_as_with_5(
    client, panel, reviewer, paper, django_assert_max_num_queries,
):
    def grow(count):
        for number in range(count):
            extra = factories.SubmissionFactory(panel=panel)
            assign(extra, reviewer)
            factories.PaperFileFactory(submission=extra)
            if number % 2:
                draft_review(extra, reviewer)

    client.force_login(reviewer)
    grow(SMALL - 1)
    with django_assert_max_num_queries(MY_REVIEWS_QUERIES) as small:
        client.get(reverse("reviews:my_reviews"))
    grow(LARGE - SMALL)
    with django_assert_max_num_queries(MY_REVIEWS_QUERIES) as large:
        response = client.get(reverse("reviews:my_reviews"))
    same_queries(small, large)
    assert len(response.context["assignments"]) == LARGE


# 5. The review form ---------------------------------------------------------------

# Session and user (2), the paper with its panel and conference (1), who may know it (2),
# the reviewer's own review (1), the review form and its criteria (2), the scores of a
# draft (1), the permission checks (3), the authors, topics and PDF (3), the navigation (2).
REVIEW_FORM_QUERIES = 17 + 2


def test_the_review_form_of_a_paper_with_40_reviews_authors_and_topics_costs_what_5_cost(
    client, panel, paper, reviewer, django_assert_max_num_queries,
):
    def grow(count):
        for _ in range(count):
            submit_review(paper, assign(paper))
            factories.AuthorFactory(submission=paper)
            factories.TopicFactory(panel=panel, number=panel.topics.count() + 1)
        paper.topics.set(panel.topics.all())

    upload_paper(paper)
    draft_review(paper, reviewer)
    client.force_login(reviewer)
    url = reverse("reviews:review", kwargs={"code": paper.code})
    grow(SMALL)
    with django_assert_max_num_queries(REVIEW_FORM_QUERIES) as small:
        assert client.get(url).status_code == 200
    grow(LARGE - SMALL)
    with django_assert_max_num_queries(REVIEW_FORM_QUERIES) as large:
        assert client.get(url).status_code == 200
    same_queries(small, large)


# 6. The bid page ------------------------------------------------------------------

# Session and user (2), the panel with its conference and bidding phase (1), the
# reviewer's pools for the permission (1), their place in this pool (1), the topics (1),
# the papers' count and the page of papers (2), their topics (1), the reviewer's bids on
# them (1), the navigation (2), the papers they declared a conflict with (1).
BID_PAGE_QUERIES = 13 + 2


def add_papers_to_bid_on(panel, reviewer, count: int) -> None:
    """`count` submitted papers, each on one of the panel's topics, bid on by `reviewer`."""
    topics = list(panel.topics.all())
    author = factories.UserFactory()
    first = (panel.submissions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    Submission.objects.bulk_create([
        Submission(panel=panel, number=number, state=Submission.State.SUBMITTED, title=f"Bidding paper {number}",
                   abstract="An abstract.", keywords=["a", "b"], language="en", created_by=author,
                   submitted_at=timezone.now())
        for number in range(first, first + count)
    ])
    papers = list(panel.submissions.filter(number__gte=first))
    Submission.topics.through.objects.bulk_create([
        Submission.topics.through(submission_id=paper.pk, topic_id=topics[paper.number % len(topics)].pk)
        for paper in papers
    ])
    Bid.objects.bulk_create([Bid(submission=paper, reviewer=reviewer, value=Bid.Value.WILLING) for paper in papers])


def test_the_bid_page_costs_the_same_queries_for_500_papers_as_for_5(
    client, panel, unassigned_reviewer, django_assert_max_num_queries,
):
    open_bidding(panel)
    client.force_login(unassigned_reviewer)
    add_papers_to_bid_on(panel, unassigned_reviewer, SMALL)
    with django_assert_max_num_queries(BID_PAGE_QUERIES) as small:
        assert client.get(panel_url("bids", panel)).status_code == 200
    add_papers_to_bid_on(panel, unassigned_reviewer, 500 - SMALL - 1)  # with the cast's paper, 500
    with django_assert_max_num_queries(BID_PAGE_QUERIES) as large:
        page = client.get(panel_url("bids", panel)).content.decode()
    same_queries(small, large)
    # All 500 on one page, each with its five choices, the reviewer's bid checked.
    assert page.count("<fieldset") == 500 and page.count('type="radio"') == 500 * 5
    assert page.count('value="willing" checked') == 500 - 1  # the cast's paper has no bid


def test_the_501st_paper_is_on_the_second_page_and_the_topic_filter_stays(
    client, panel, unassigned_reviewer, django_assert_max_num_queries,
):
    open_bidding(panel)
    client.force_login(unassigned_reviewer)
    add_papers_to_bid_on(panel, unassigned_reviewer, 500)  # with the cast's paper, 501
    last = panel.submissions.order_by("-number").first()
    first = client.get(panel_url("bids", panel)).content.decode()
    assert first.count("<fieldset") == 500 and last.title not in first and "?page=2" in first
    assert "501 papers" in first
    with django_assert_max_num_queries(BID_PAGE_QUERIES):
        second = client.get(panel_url("bids", panel), {"page": 2}).content.decode()
    assert second.count("<fieldset") == 1 and last.title in second
    topic = panel.topics.order_by("number").first()
    filtered = client.get(panel_url("bids", panel), {"topic": topic.number}).content.decode()
    # The filter keeps the papers on that topic the reviewer may bid on (about a third of 501).
    on_topic = papers_for_bidding(unassigned_reviewer, panel, topic=topic)
    assert 150 < on_topic.count() <= 168 and filtered.count("<fieldset") == on_topic.count()
    assert all(paper.title in filtered for paper in on_topic)


# 7. The chair's dashboard, and 9. its CSV export ------------------------------------

def reviewed_panel(panel, count: int) -> None:
    """`count` papers more, each with three submitted reviews by a pool of ten."""
    reviewers = list(User.objects.filter(email__startswith="pool.reviewer"))
    if not reviewers:
        reviewers = User.objects.bulk_create([User(email=f"pool.reviewer{n}@pool.example.org") for n in range(10)])
        PanelReviewer.objects.bulk_create([PanelReviewer(panel=panel, user=user) for user in reviewers])
    first = (panel.submissions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    add_reviewed_papers(panel, count, first_number=first, reviewers=reviewers, author=factories.UserFactory())


# Session and user (2), the panel (1), the chair's panels (1), the review form and its
# criteria (2), the chair's addresses (1), the papers' count and the page of papers with
# every count and mean as aggregates (2), their topics (1), the criteria aggregates (1), the
# calibrated means (1), the reviewers with a review outstanding (1), the last reminder (1),
# the navigation (2) and the filter's topics (1).
CHAIR_DASHBOARD_QUERIES = 17 + 2


def test_the_chairs_dashboard_of_40_reviewed_papers_costs_what_5_cost(
    client, panel, chair, django_assert_max_num_queries,
):
    client.force_login(chair)
    reviewed_panel(panel, SMALL)
    with django_assert_max_num_queries(CHAIR_DASHBOARD_QUERIES) as small:
        client.get(panel_url("dashboard", panel))
    reviewed_panel(panel, LARGE - SMALL)
    with django_assert_max_num_queries(CHAIR_DASHBOARD_QUERIES) as large:
        response = client.get(panel_url("dashboard", panel))
    same_queries(small, large)
    assert len(response.context["board"].rows) == LARGE


# Session and user (2), the panel (1), the chair's panels (1), the review form and its
# criteria (2), the chair's addresses (1), the papers with their
# aggregates (1), their topics (1), the criteria aggregates (1), the calibrated means (1),
# the authors (1).
CSV_EXPORT_QUERIES = 12 + 2


def test_the_csv_export_of_40_reviewed_papers_costs_what_5_cost(client, panel, chair, django_assert_max_num_queries):
    client.force_login(chair)
    url = panel_url("dashboard_export", panel, fmt="csv")
    reviewed_panel(panel, SMALL)
    with django_assert_max_num_queries(CSV_EXPORT_QUERIES) as small:
        client.get(url)
    reviewed_panel(panel, LARGE - SMALL)
    with django_assert_max_num_queries(CSV_EXPORT_QUERIES) as large:
        response = client.get(url)
    same_queries(small, large)
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").count("\n") == LARGE + 1


# 8. The chair's assignment page ---------------------------------------------------

# Session and user (2), the panel (1), the chair's panels (1), the papers' count and the page
# of papers (2), the pool (1) and its loads in one grouped query (1), the assigner's view of
# the page: papers, reviewers, their topics, bids, conflicts and assignments (7), the
# page's assignments (1), the navigation (3).
ASSIGNMENT_PAGE_QUERIES = 19 + 2


def test_the_assignment_page_of_40_papers_and_reviewers_costs_what_5_cost(
    client, panel, chair, django_assert_max_num_queries,
):
    def grow(count):
        for _ in range(count):
            factories.PanelReviewerFactory(panel=panel)
            paper = factories.SubmissionFactory(panel=panel)
            factories.AssignmentFactory(submission=paper, reviewer=factories.PanelReviewerFactory(panel=panel).user)
            factories.ConflictFactory(submission=paper, reviewer=factories.PanelReviewerFactory(panel=panel).user)

    client.force_login(chair)
    grow(SMALL)
    with django_assert_max_num_queries(ASSIGNMENT_PAGE_QUERIES) as small:
        client.get(panel_url("assignment", panel))
    grow(LARGE - SMALL)
    with django_assert_max_num_queries(ASSIGNMENT_PAGE_QUERIES) as large:
        response = client.get(panel_url("assignment", panel))
    same_queries(small, large)
    assert len(response.context["rows"]) == 20  # a page
    loads = {member.user_id: member.load for member in response.context["pool"]}
    assert sorted(loads.values()).count(1) == LARGE and set(loads.values()) == {0, 1}
