"""Building reviews the way reviewers write them, for the reviewing tests."""

from django.core.files.base import ContentFile

from reviews.models import Criterion, PanelReviewer
from reviews.services.review_forms import review_form_ensure
from reviews.services.reviewing import ReviewContent, review_save
from submissions.models import PaperFile
from tests import factories
from tests.factories import PaperFileFactory
from tests.pdfs import make_pdf


def assign(paper, user=None, **user_fields):
    """A pool reviewer assigned to `paper` (a new user unless one is given)."""
    user = user or factories.UserFactory(**user_fields)
    PanelReviewer.objects.get_or_create(panel=paper.panel, user=user)
    factories.AssignmentFactory(submission=paper, reviewer=user)
    return user


def content(panel, *, overall=1, confidence=3, scores=None, comments="", confidential="") -> ReviewContent:
    """Every score criterion at 3 unless `scores` says otherwise."""
    values = {}
    for criterion in review_form_ensure(panel=panel).criteria.all():
        if criterion.role == Criterion.Role.OVERALL:
            values[criterion.key] = overall
        elif criterion.role == Criterion.Role.CONFIDENCE:
            values[criterion.key] = confidence
        else:
            values[criterion.key] = (scores or {}).get(criterion.key, 3)
    return ReviewContent(values, comments, confidential)


def submit_review(paper, reviewer, *, now=None, **fields):
    return review_save(submission=paper, by=reviewer, content=content(paper.panel, **fields), submit=True, now=now)


def draft_review(paper, reviewer, **fields):
    return review_save(submission=paper, by=reviewer, content=content(paper.panel, **fields))


def upload_paper(paper, *, author_name="Gilberto Rodrigues", blind=True) -> PaperFile:
    """A stored paper version whose metadata names its author, with the
    metadata-stripped copy the submissions side makes for double-blind calls."""
    original = make_pdf(metadata={"/Author": author_name, "/Title": paper.title})
    return PaperFileFactory(
        submission=paper, content=original, original_name=f"{author_name} - paper.pdf",
        blind_copy=ContentFile(make_pdf(), name="blind.pdf") if blind else "",
    )


def criteria_post_data(panel, *, change=None, add=None, delete_keys=()) -> dict:
    """The review form editor's POST for the panel's current criteria, with
    `change` ({key: {field: value}}) applied and `add` (a criterion dict) appended."""
    criteria = list(review_form_ensure(panel=panel).criteria.all())
    rows = []
    for criterion in criteria:
        row = {
            "key": criterion.key, "role": criterion.role, "label": criterion.label,
            "description": criterion.description, "scale_min": criterion.scale_min,
            "scale_max": criterion.scale_max,
            "point_labels": "\n".join(f"{k} = {v}" for k, v in sorted(criterion.point_labels.items(), key=lambda kv: int(kv[0]))),
            "required": "on" if criterion.required else "",
        }
        row.update((change or {}).get(criterion.key, {}))
        if criterion.key in delete_keys:
            row["DELETE"] = "on"
        rows.append(row)
    if add:
        rows.append({"key": "", "role": "score", "required": "on", **add})
    data = {
        "criteria-TOTAL_FORMS": str(len(rows)), "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "0", "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        row.setdefault("ORDER", str(index + 1))
        for name, value in row.items():
            if value != "":
                data[f"criteria-{index}-{name}"] = value
    return data
