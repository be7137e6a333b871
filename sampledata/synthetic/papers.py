"""The author's side of the synthetic conference: the conference, its panels
(topics, chairs, review form, open bidding), the papers, their authors, the
one shared PDF and the conflicts authors declare."""

import datetime
import io
import random
import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from portal.models import Conference, Panel, PanelChair, Topic, User
from reviews.models import BiddingPhase, Criterion, ReviewForm
from reviews.services.review_forms import DEFAULT_CRITERIA
from sampledata.synthetic.people import paper_email
from sampledata.synthetic.words import PANEL_THEMES, REASONS, Writer
from submissions import pdf
from submissions.models import Author, DeclaredConflict, PaperFile, Submission

BATCH = 2000
CONFERENCE_SLUG = "bench"
DAY = datetime.timedelta(days=1)
State = Submission.State


def code(rng: random.Random) -> uuid.UUID:
    """A random (version 4) UUID drawn from the seeded generator, so codes repeat with the seed."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def share(total: int, parts: int, index: int) -> range:
    """The `index`th of `parts` near-equal consecutive slices of range(total)."""
    return range(total * index // parts, total * (index + 1) // parts)


@dataclass
class GeneratedPanel:
    panel: Panel
    topics: list[Topic]
    chairs: list[User]
    form: ReviewForm
    criteria: list[Criterion]
    submissions: list[Submission] = field(default_factory=list)
    authors: dict[int, list[Author]] = field(default_factory=dict)  # submission id -> its authors, in order
    topics_of: dict[int, list[Topic]] = field(default_factory=dict)  # submission id -> its topics

    @property
    def in_review(self) -> list[Submission]:
        return [submission for submission in self.submissions if submission.state == State.SUBMITTED]


def conference_create(*, now) -> Conference:
    starts_on = (now + datetime.timedelta(weeks=22)).date()
    return Conference.objects.create(
        name="Synthetic Conference on International Politics", short_name="BENCH", slug=CONFERENCE_SLUG,
        venue="São Paulo, Brazil", starts_on=starts_on, ends_on=starts_on + 3 * DAY,
        website="https://bench.example/",
    )


def panel_deadlines(now) -> dict:
    """Submissions open (the full paper due in a month) while reviews are written, bids made."""
    return {
        "opens_at": now - 60 * DAY, "abstract_deadline": now + 14 * DAY, "submission_deadline": now + 30 * DAY,
        "review_deadline": now + 75 * DAY, "camera_ready_deadline": now + 120 * DAY,
    }


def panels_create(*, conference, count: int, chairs: list[User], rng: random.Random, now) -> list[GeneratedPanel]:
    """`count` panels named panel-1 ... with 6 to 8 topics, two chairs each
    (chair1 and chair2 chair panel-1, ...), the default review form and bidding open."""
    writer = Writer(rng)
    generated = []
    for index in range(count):
        theme, questions = PANEL_THEMES[index % len(PANEL_THEMES)]
        title = theme if index < len(PANEL_THEMES) else f"{theme} ({index // len(PANEL_THEMES) + 1})"
        panel = Panel.objects.create(
            conference=conference, slug=f"panel-{index + 1}", title=title,
            description="\n\n".join(writer.paragraph(["This panel invites papers on {noun} and {noun2}.",
                                                      "We welcome work on {place} using {method}."], 60)
                                    for _ in range(2)),
            references="\n\n".join(f"{writer.person_name()} (20{rng.randint(10, 24)}). {writer.title()}."
                                   for _ in range(3)),
            **panel_deadlines(now),
        )
        topics = Topic.objects.bulk_create([
            Topic(panel=panel, number=number, text=text)
            for number, text in enumerate(questions[:rng.randint(6, min(8, len(questions)))], start=1)
        ])
        own_chairs = chairs[2 * index:2 * index + 2]
        PanelChair.objects.bulk_create([PanelChair(panel=panel, user=user, position=position)
                                        for position, user in enumerate(own_chairs)])
        # As reviews.services.review_forms makes a panel's first form.
        form = ReviewForm.objects.create(panel=panel, version=1, created_at=now - 50 * DAY)
        criteria = Criterion.objects.bulk_create([
            Criterion(form=form, position=position, **item) for position, item in enumerate(DEFAULT_CRITERIA)
        ])
        BiddingPhase.objects.create(panel=panel, is_open=True, closes_at=now + 14 * DAY,
                                    changed_at=now - 20 * DAY, changed_by=own_chairs[0])
        generated.append(GeneratedPanel(panel, topics, own_chairs, form, criteria))
    return generated


def sample_pdf() -> bytes:
    """A small real one-page PDF (Helvetica text, no metadata) that every paper shares."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }))
    page = writer.add_blank_page(612, 792)
    stream = StreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 720 Td 14 TL (A synthetic paper for benchmarks) ' "
                    b"(The text of every generated submission is this page.) ' ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@dataclass(frozen=True)
class StoredPaper:
    checked: pdf.CheckedPdf
    name: str
    blind_name: str


def shared_paper_store() -> StoredPaper:
    """Store the shared PDF and its reviewers' copy once, as uploads are stored."""
    checked = pdf.inspect_pdf_bytes(sample_pdf(), name="paper.pdf", page_limit=40)
    name = default_storage.save("papers/bench/paper.pdf", ContentFile(checked.data))
    blind_name = default_storage.save("papers-blind/bench/paper.pdf", ContentFile(pdf.reviewers_copy(checked)))
    return StoredPaper(checked, name, blind_name)


def _state_draw(rng: random.Random) -> str:
    roll = rng.random()
    return State.DRAFT if roll < 0.03 else State.WITHDRAWN if roll < 0.05 else State.SUBMITTED


def _second_language(rng: random.Random, language: str) -> str:
    if rng.random() >= 0.25:
        return ""
    return "en" if language != "en" else rng.choice(["pt", "es"])


def submissions_create(
    *, generated: GeneratedPanel, numbers: range, authors: list[User], rng: random.Random, now,
) -> None:
    """The papers of one panel; global paper g (from 0) is submitted by author{g+1}."""
    writer = Writer(rng)
    submissions = []
    for number, global_index in enumerate(numbers, start=1):
        state = _state_draw(rng)
        language = rng.choices(["en", "pt", "es"], weights=[6, 3, 2])[0]
        second = _second_language(rng, language)
        submitted_at = now - rng.uniform(1, 45) * DAY if state != State.DRAFT else None
        submissions.append(Submission(
            code=code(rng), panel=generated.panel, number=number, state=state,
            title=writer.title(language), abstract=writer.abstract(language), keywords=writer.keywords(language),
            addresses_other_question=rng.random() < 0.05, language=language, second_language=second,
            second_title=writer.title(second) if second else "",
            second_abstract=writer.abstract(second) if second else "",
            second_keywords=writer.keywords(second) if second else [], created_by=authors[global_index],
            submitted_at=submitted_at,
            withdrawn_at=submitted_at + rng.uniform(0.1, 1) * DAY if state == State.WITHDRAWN else None,
        ))
    generated.submissions = Submission.objects.bulk_create(submissions, batch_size=BATCH)
    links = []
    topic_link = Submission.topics.through
    for submission in generated.submissions:
        chosen = sorted(rng.sample(generated.topics, rng.randint(1, 3)), key=lambda topic: topic.number)
        generated.topics_of[submission.pk] = chosen
        links += [topic_link(submission_id=submission.pk, topic_id=topic.pk) for topic in chosen]
    topic_link.objects.bulk_create(links, batch_size=BATCH)


def authors_create(*, generated: GeneratedPanel, authors: list[User], numbers: range, rng: random.Random) -> None:
    """1 to 4 authors per paper, copied from their accounts' profiles; the submitter first."""
    rows = []
    for submission, global_index in zip(generated.submissions, numbers, strict=True):
        people = [authors[global_index]]
        for _ in range(rng.choices([0, 1, 2, 3], weights=[2, 4, 3, 1])[0]):
            other = authors[rng.randrange(len(authors))]
            if other not in people:
                people.append(other)
        corresponding = 0 if len(people) == 1 or rng.random() < 0.8 else rng.randrange(len(people))
        paper_authors = [
            Author(submission=submission, position=position, name=user.full_name, email=paper_email(user),
                   affiliation=user.affiliation, country=user.country, orcid=user.orcid,
                   is_corresponding=position - 1 == corresponding)
            for position, user in enumerate(people, start=1)
        ]
        generated.authors[submission.pk] = paper_authors
        rows += paper_authors
    Author.objects.bulk_create(rows, batch_size=BATCH)


def paper_files_create(*, generated: GeneratedPanel, stored: StoredPaper, rng: random.Random, now) -> int:
    """A first version per paper (a draft may have none yet), all pointing at the shared PDF."""
    checked = stored.checked
    files = [
        PaperFile(
            submission=submission, kind=PaperFile.Kind.PAPER, version=1, file=stored.name,
            blind_copy=stored.blind_name if generated.panel.double_blind else "",
            original_name=f"paper-{generated.panel.slug}-{submission.number}.pdf", size=checked.size,
            sha256=checked.sha256, pages=checked.pages, uploaded_by=submission.created_by,
        )
        for submission in generated.submissions
        if submission.state != State.DRAFT or rng.random() < 0.5
    ]
    PaperFile.objects.bulk_create(files, batch_size=BATCH)
    return len(files)


def declared_conflicts_create(*, generated: GeneratedPanel, reviewers: list[User],
                              rng: random.Random) -> list[DeclaredConflict]:
    """One paper in ten names someone the authors do not want as reviewer: half
    the time a reviewer of the panel (by name and address), else an outsider by name."""
    writer = Writer(rng)
    rows = []
    for submission in generated.submissions:
        if rng.random() >= 0.1:
            continue
        reason = rng.choice(REASONS)
        if reviewers and rng.random() < 0.5:
            reviewer = rng.choice(reviewers)
            declared = DeclaredConflict(submission=submission, name=reviewer.full_name, email=reviewer.email,
                                        reason=reason)
        else:
            declared = DeclaredConflict(submission=submission, name=writer.person_name(), reason=reason)
        rows.append(declared)
    return DeclaredConflict.objects.bulk_create(rows, batch_size=BATCH)
