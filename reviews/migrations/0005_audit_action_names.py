"""Audit actions read "<entity>.<what happened>", in the past tense
(portal.workflow.audit_entity). Records written before under other names are
renamed, so the history reads in one scheme; the reverse restores them."""

from django.db import migrations

RENAMED = {
    "review.submit": "review.submitted",
    "review.update": "review.updated",
    "review_form.update": "review_form.updated",
    "decision.clear": "decision.cleared",
    "decisions.release": "decisions.released",
    "reviews.remind": "reviews.reminded",
    "proposal.committed.assignments": "proposal.assignments_made",
}
# Transitions named their actions after the model's class.
RENAMED_ENTITIES = {"reviewerinvitation.": "invitation.", "assignmentproposal.": "proposal."}


def rename(apps, renamed: dict, entities: dict) -> None:
    AuditEvent = apps.get_model("portal", "AuditEvent")
    for old, new in renamed.items():
        AuditEvent.objects.filter(action=old).update(action=new)
    for old_prefix, new_prefix in entities.items():
        for pk, action in AuditEvent.objects.filter(action__startswith=old_prefix).values_list("pk", "action"):
            AuditEvent.objects.filter(pk=pk).update(action=new_prefix + action.removeprefix(old_prefix))


def forwards(apps, schema_editor):
    rename(apps, RENAMED, RENAMED_ENTITIES)


def backwards(apps, schema_editor):
    rename(apps, {new: old for old, new in RENAMED.items()}, {new: old for old, new in RENAMED_ENTITIES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_dashboard_indexes"),
        ("portal", "0003_user_time_zone_follows_the_device"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
