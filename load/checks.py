"""After the crowd: everything that got a success answer is in the database,
every mail the portal queued was delivered once, and check_invariants passes.
Needs Django set up on the load database."""

from __future__ import annotations

import io
import json
import time
from collections import Counter
from pathlib import Path


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def wait_for_outbox(first_id: int, *, timeout: float) -> int:
    """Wait until no mail queued during the run is left to send; how many are."""
    from portal.models import OutboundMail

    pending = OutboundMail.objects.filter(pk__gt=first_id, state__in=["queued", "sending"])
    deadline = time.monotonic() + timeout
    while pending.exists() and time.monotonic() < deadline:
        time.sleep(1)
    return pending.count()


def lost_records(records: list[dict]) -> dict[str, list]:
    """Each kind of success answer, and those the database does not hold."""
    from portal.models import User
    from reviews.models import Review
    from submissions.models import PaperFile, Submission

    lost: dict[str, list] = {"accounts": [], "submissions": [], "versions": [], "reviews": []}
    verified = {email.lower() for email in User.objects.filter(
        emailaddress__verified=True).values_list("email", flat=True)}
    submitted = {str(code) for code in Submission.objects.filter(
        state=Submission.State.SUBMITTED).values_list("code", flat=True)}
    files = {(str(code), version, sha) for code, version, sha in PaperFile.objects.filter(
        kind=PaperFile.Kind.PAPER).values_list("submission__code", "version", "sha256")}
    reviews = {(email.lower(), str(code)) for email, code in Review.objects.filter(
        state=Review.State.SUBMITTED).values_list("reviewer__email", "submission__code")}
    for row in records:
        kind = row["kind"]
        if kind == "verified" and row["email"].lower() not in verified:
            lost["accounts"].append(row)
        elif kind == "submitted" and row["code"] not in submitted:
            lost["submissions"].append(row)
        elif kind in ("draft", "version") and (row["code"], row["version"], row["sha256"]) not in files:
            lost["versions"].append(row)
        elif kind == "review_submitted" and (row["email"].lower(), row["code"]) not in reviews:
            lost["reviews"].append(row)
    return lost


def mail_figures(first_id: int, records: list[dict], arrivals: Counter) -> dict:
    """Mails queued during the run: sent, not sent, received twice; submissions without their receipt."""
    from django.contrib.contenttypes.models import ContentType

    from portal.models import OutboundMail
    from submissions.models import Submission

    rows = OutboundMail.objects.filter(pk__gt=first_id)
    message_ids = [mail.message_id for mail in rows.filter(state="sent").only("pk", "code", "to_email")]
    submission_type = ContentType.objects.get_for_model(Submission)
    with_receipt = {str(code) for code in Submission.objects.filter(pk__in=rows.filter(
        related_type=submission_type).values("related_id")).values_list("code", flat=True)}
    submitted = {row["code"] for row in records if row["kind"] == "submitted"}
    return {
        "queued": rows.count(),
        "sent": len(message_ids),
        "not_sent": rows.exclude(state="sent").count(),
        "sent_not_received": sum(1 for message_id in message_ids if arrivals[message_id] == 0),
        "received_twice": sum(count - 1 for count in arrivals.values() if count > 1),
        "submissions_without_mail": sorted(submitted - with_receipt),
    }


def invariants() -> tuple[bool, str]:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    output = io.StringIO()
    try:
        call_command("check_invariants", stdout=output, stderr=output)
    except (CommandError, SystemExit) as failure:
        return False, output.getvalue() + str(failure)
    return True, output.getvalue()
