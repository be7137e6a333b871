"""The contract between views and services (README, "Where the rules live"):
every service that writes takes the acting user as the keyword `by`, so a
view, a task, a command or the API hands it over and the service checks its
own rule. Read with ast: a public function in a services module whose body
saves, creates, updates or deletes rows (or takes a state transition, or
queues mail) must have `by` among its keyword-only arguments.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("portal", "submissions", "reviews")
WRITES = {
    "save", "create", "bulk_create", "update", "bulk_update", "delete", "get_or_create", "update_or_create",
    "transition", "audit_record", "mail_queue", "mail_queue_many", "mail_queue_bulk", "set",
}
# Writes called as plain names; the rest count as methods only (a model's
# save(), a queryset's update(), a relation's set(), not the builtin set()).
PLAIN_CALLS = {"transition", "audit_record", "mail_queue", "mail_queue_many", "mail_queue_bulk"}
# Services that no one asks for: the portal runs them on its own, from a
# scheduled or background task, and no view may call them.
RUN_BY_THE_PORTAL = {
    "reviews/services/assignment.py": {"proposal_compute"},  # the assigner, queued by proposal_start(by=)
    "reviews/services/reminders.py": {"reminders_send_due"},  # Celery beat, before each review deadline
}


def service_modules() -> list[Path]:
    found = []
    for app in APPS:
        found += (ROOT / app).glob("services.py")
        found += (ROOT / app).glob("services/*.py")
        found += (ROOT / app).glob("*/services.py")
    return sorted(path for path in found if path.name != "__init__.py")


def called_names(function: ast.FunctionDef) -> set[tuple[str, bool]]:
    """(name, called as a method) of every call in the function."""
    calls = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute):
                calls.add((node.func.attr, True))
            elif isinstance(node.func, ast.Name):
                calls.add((node.func.id, False))
    return calls


def writing_functions(module: ast.Module) -> set[str]:
    """The module's functions that write, directly or through another function of the module."""
    functions = {node.name: node for node in module.body if isinstance(node, ast.FunctionDef)}
    calls = {name: called_names(node) for name, node in functions.items()}
    writing = {
        name for name, names in calls.items()
        if any(call in WRITES and (method or call in PLAIN_CALLS) for call, method in names)
    }
    while True:
        more = {name for name, names in calls.items()
                if name not in writing and any(not method and call in writing for call, method in names)}
        if not more:
            return writing
        writing |= more


def writing_services() -> list[tuple[str, ast.FunctionDef]]:
    services = []
    for path in service_modules():
        module = ast.parse(path.read_text(encoding="utf-8"))
        writing = writing_functions(module)
        for node in module.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and node.name in writing:
                services.append((path.relative_to(ROOT).as_posix(), node))
    return services


def test_the_scan_finds_the_services_it_guards():
    names = {node.name for _path, node in writing_services()}
    assert {"submission_submit", "review_save", "decision_set", "review_form_update", "conflicts_refresh",
            "reviewer_expertise_update", "panel_wording_save"} <= names


def test_every_writing_service_takes_the_acting_user_as_by():
    missing = [
        f"{path}:{node.lineno} {node.name}"
        for path, node in writing_services()
        if "by" not in {argument.arg for argument in node.args.kwonlyargs}
        and node.name not in RUN_BY_THE_PORTAL.get(path, set())
    ]
    assert not missing, "writing services without the keyword `by`: " + ", ".join(missing)


def test_no_view_calls_a_service_the_portal_runs_on_its_own():
    names = set().union(*RUN_BY_THE_PORTAL.values())
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*views*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Name | ast.Attribute | ast.alias):
                    name = getattr(node, "id", None) or getattr(node, "attr", None) or getattr(node, "name", "")
                    if name in names:
                        offenders.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')} {name}")
    assert not offenders, offenders
