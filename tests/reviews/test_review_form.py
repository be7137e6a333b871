import pytest
from django.urls import reverse
from django.utils import translation

from portal.refusals import Refused
from reviews.models import Criterion, Review, ReviewForm
from reviews.selectors.review_forms import criteria_current, review_form_current
from reviews.services.review_forms import review_form_ensure, review_form_update
from tests.reviews.reviewing_factories import criteria_post_data, draft_review, submit_review

pytestmark = pytest.mark.django_db


def form_url(panel):
    return reverse("reviews:review_form_edit", kwargs={"conference": panel.conference.slug, "panel": panel.slug})


def criteria_as_data(form):
    return [
        {"key": c.key, "role": c.role, "label": c.label, "description": c.description, "scale_min": c.scale_min,
         "scale_max": c.scale_max, "point_labels": dict(c.point_labels), "required": c.required}
        for c in form.criteria.all()
    ]


def test_a_new_panel_reads_the_default_criteria_without_storing_a_form(panel, django_assert_num_queries):
    with django_assert_num_queries(2):  # two reads (one per call), no write
        assert review_form_current(panel=panel) is None
        criteria = {c.key: c for c in criteria_current(panel=panel)}
    assert not ReviewForm.objects.filter(panel=panel).exists()
    assert list(criteria) == ["relevance", "originality", "rigour", "clarity", "overall", "confidence"]
    assert all((c.scale_min, c.scale_max) == (1, 5) for c in list(criteria.values())[:4])
    overall = criteria["overall"]
    assert (overall.role, overall.scale_min, overall.scale_max) == ("overall", -3, 3)
    assert overall.point_labels["-3"] == "strong reject" and overall.point_labels["3"] == "strong accept"
    assert (criteria["confidence"].scale_min, criteria["confidence"].scale_max) == (1, 4)


def test_the_first_write_that_needs_the_form_stores_the_defaults_once(panel, chair):
    form = review_form_ensure(panel=panel, by=chair)
    assert [c.key for c in form.criteria.all()] == [c.key for c in criteria_current(panel=panel)]
    assert form.created_by == chair
    assert review_form_ensure(panel=panel).pk == form.pk == review_form_current(panel=panel).pk


def test_opening_the_review_and_dashboard_pages_stores_no_form(client, panel, paper, reviewer, chair):
    """`reviewer` is assigned to `paper` (tests/conftest.py)."""
    client.force_login(reviewer)
    assert client.get(reverse("reviews:review", kwargs={"code": paper.code})).status_code == 200
    client.force_login(chair)
    panel_kwargs = {"conference": panel.conference.slug, "panel": panel.slug}
    assert client.get(reverse("reviews:dashboard", kwargs=panel_kwargs)).status_code == 200
    assert client.get(form_url(panel)).status_code == 200
    assert not ReviewForm.objects.filter(panel=panel).exists()


def test_the_default_criteria_show_in_the_readers_language(panel):
    overall = review_form_ensure(panel=panel).criteria.get(key="overall")
    with translation.override("en"):
        assert overall.display_label == "Overall recommendation"
        assert overall.point_label(-3) == "-3 (strong reject)"


def test_a_chair_changes_the_form_in_place_while_no_review_uses_it(client, panel, chair):
    form = review_form_ensure(panel=panel)
    client.force_login(chair)
    response = client.post(form_url(panel), criteria_post_data(
        panel, change={"clarity": {"label": "Quality of the prose"}},
        add={"label": "Use of primary sources", "scale_min": "1", "scale_max": "3",
             "point_labels": "1 = none\n2 = some\n3 = many"},
    ))
    assert response.status_code == 302
    assert ReviewForm.objects.filter(panel=panel).count() == 1
    criteria = {c.key: c for c in form.criteria.all()}
    assert criteria["clarity"].label == "Quality of the prose"
    assert criteria["use-of-primary-sources"].point_labels == {"1": "none", "2": "some", "3": "many"}


def test_changing_the_form_after_reviews_exist_keeps_every_submitted_score_on_its_version(
    client, panel, paper, reviewer, chair,
):
    review = submit_review(paper, reviewer, scores={"clarity": 5, "originality": 2})
    first = review.form
    client.force_login(chair)
    response = client.post(form_url(panel), criteria_post_data(
        panel, change={"clarity": {"label": "Quality of the prose", "point_labels": "5 = superb"}},
        delete_keys=("originality",),
    ))
    assert response.status_code == 302
    second = review_form_ensure(panel=panel)
    assert second.version == 2 and second.pk != first.pk

    review.refresh_from_db()
    assert review.form == first
    scores = {score.criterion.key: (score.value, score.criterion.label) for score in review.scores.all()}
    assert scores["clarity"] == (5, "Clarity of writing")
    assert scores["originality"] == (2, "Originality")
    assert first.criteria.get(key="clarity").point_labels["5"] == "excellent"

    # The chairs still read the old review with its own questions and labels.
    body = client.get(reverse("reviews:paper_reviews", kwargs={"code": paper.code})).content.decode()
    assert "Clarity of writing" in body and "5 (excellent)" in body and "Originality" in body


def test_a_draft_moves_to_the_new_version_and_keeps_its_comparable_scores(panel, paper, reviewer, chair):
    draft_review(paper, reviewer, scores={"clarity": 4, "originality": 2})
    data = criteria_as_data(review_form_ensure(panel=panel))
    data = [item for item in data if item["key"] != "originality"]
    review_form_update(panel=panel, criteria=data, by=chair)
    assert review_form_ensure(panel=panel).version == 2  # the draft points at version 1

    review = draft_review(paper, reviewer, scores={"clarity": 4})
    assert review.form.version == 2
    assert {s.criterion.key for s in review.scores.all()} == {"relevance", "rigour", "clarity", "overall", "confidence"}
    assert review.versions.filter(scores__originality=2).exists()  # the dropped score is in the history


def test_the_scale_of_a_scored_criterion_cannot_change(panel, paper, reviewer, chair):
    submit_review(paper, reviewer)
    data = criteria_as_data(review_form_ensure(panel=panel))
    for item in data:
        if item["key"] == "rigour":
            item["scale_max"] = 10
    with pytest.raises(Refused, match="its scale cannot change"):
        review_form_update(panel=panel, criteria=data, by=chair)
    assert review_form_ensure(panel=panel).version == 1


def test_the_overall_recommendation_keeps_its_scale_even_under_a_new_key(panel, paper, reviewer, chair):
    submit_review(paper, reviewer)
    data = criteria_as_data(review_form_ensure(panel=panel))
    for item in data:
        if item["role"] == "overall":
            item.update(key="verdict", scale_min=1, scale_max=5)
    with pytest.raises(Refused, match="its scale cannot change"):
        review_form_update(panel=panel, criteria=data, by=chair)


def test_the_form_keeps_exactly_one_overall_recommendation_and_one_confidence(client, panel, chair):
    client.force_login(chair)
    page = client.get(form_url(panel)).content.decode()
    assert 'name="criteria-0-DELETE"' in page and 'name="criteria-4-DELETE"' not in page  # 4 is the overall
    client.post(form_url(panel), criteria_post_data(panel, delete_keys=("overall", "clarity")))
    keys = [c.key for c in review_form_ensure(panel=panel).criteria.all()]
    assert "overall" in keys and "clarity" not in keys
    data = [item for item in criteria_as_data(review_form_ensure(panel=panel)) if item["role"] != "confidence"]
    with pytest.raises(Refused, match="exactly one reviewer confidence"):
        review_form_update(panel=panel, criteria=data, by=chair)


def test_bad_input_in_the_editor_is_explained_next_to_the_field_and_kept(client, panel, chair):
    client.force_login(chair)
    response = client.post(form_url(panel), criteria_post_data(
        panel, change={"clarity": {"scale_min": "5", "scale_max": "1", "label": "Clarity, typed again"}},
        add={"label": "Sources", "scale_min": "1", "scale_max": "3", "point_labels": "1 = none\nseven = many"},
    ))
    body = response.content.decode()
    assert response.status_code == 200
    assert "The highest point must be above the lowest." in body
    assert "Line 2: start with a point of the scale" in body
    assert "Clarity, typed again" in body
    assert review_form_ensure(panel=panel).criteria.get(key="clarity").label == "Clarity of writing"


def test_required_criteria_and_points_are_what_reviewers_are_asked(client, panel, paper, reviewer, chair):
    data = criteria_as_data(review_form_ensure(panel=panel))
    for item in data:
        if item["key"] == "rigour":
            item["required"] = False
    review_form_update(panel=panel, criteria=data, by=chair)
    client.force_login(reviewer)
    response = client.post(reverse("reviews:review", kwargs={"code": paper.code}), {
        "action": "submit", "score_relevance": "3", "score_originality": "3", "score_clarity": "3",
        "score_overall": "0", "score_confidence": "2",
    })
    assert response.status_code == 302
    assert Review.objects.get(submission=paper).is_submitted


def test_the_overall_recommendation_is_always_required_whatever_is_posted(panel, chair):
    data = criteria_as_data(review_form_ensure(panel=panel))
    for item in data:
        item["required"] = False
    form = review_form_update(panel=panel, criteria=data, by=chair)
    required = {c.role for c in form.criteria.filter(required=True)}
    assert required == {Criterion.Role.OVERALL, Criterion.Role.CONFIDENCE}


def test_a_chair_edits_the_default_form_in_their_language_and_untouched_wording_stays_every_readers(
    client, panel, chair, paper, reviewer,
):
    chair.language = "pt-br"
    chair.save()
    client.force_login(chair)
    page = client.get(form_url(panel)).content.decode()
    assert 'value="Relevância para o tema do painel"' in page and "1 = fraco\n2 = regular" in page

    shown = {}
    with translation.override("pt-br"):  # what the editor showed, sent back with one label reworded
        for criterion in review_form_ensure(panel=panel).criteria.all():
            shown[criterion.key] = {
                "label": criterion.display_label, "description": criterion.display_description,
                "point_labels": "\n".join(f"{value} = {label}" for value, label in criterion.points if label),
            }
    shown["originality"]["label"] = "Originalidade do argumento"
    assert client.post(form_url(panel), criteria_post_data(panel, change=shown)).status_code == 302

    criteria = {c.key: c for c in review_form_ensure(panel=panel).criteria.all()}
    assert criteria["originality"].label == "Originalidade do argumento"
    assert criteria["relevance"].label == "Relevance to the panel's theme"  # kept as stored, so still translated
    assert criteria["relevance"].point_labels["1"] == "poor"
    with translation.override("es"):
        assert criteria["relevance"].display_label == "Pertinencia para el tema del panel"
        assert criteria["overall"].point_label(3) == "3 (aceptar firmemente)"
