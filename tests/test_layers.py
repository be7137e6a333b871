"""The apps are layers: portal ← submissions ← reviews ← sampledata.

`portal` is the core every other app builds on; `submissions` is the author's
side and builds on the core; `reviews` builds on both; `sampledata` (the demo
and the benchmark's generator) may use all three. An app may use the apps
below it and never one above it, in any of the ways Python or Django let code
reach another app: an import (at the top of a module or inside a function,
relative or absolute), `importlib.import_module("…")`, a model or app looked
up by its label (`apps.get_model("reviews", "Review")`,
`get_model("reviews.Review")`, `get_app_config("reviews")`), a lazy model
reference (`ForeignKey("reviews.Review")`, `to="reviews.review"` in a
migration) and a migration's `dependencies` or `run_before`.

Every .py file of the four apps is read with `ast`, migrations included.

What this does not see, on purpose: the project's settings and root URLconf
(portal/settings.py, portal/urls.py) name the apps as plain strings
(INSTALLED_APPS, context processors, the beat schedule's task names,
`include("submissions.urls")`). They live in the portal package but are not
part of the core: they are the project's composition root, read by Django to
assemble the apps, and no module of the core imports them to reach an app
above it. A string there is an entry in a list of what to install or mount,
not a dependency of the core's code, so it is not an upward reference.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# Bottom layer first: each app may use those before it, never those after it.
LAYERS = ("portal", "submissions", "reviews", "calls", "sampledata")
MODEL_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
LOOKUPS_BY_LABEL = {"get_model", "get_app_config"}
IMPORTERS = {"import_module", "__import__"}
MIGRATION_LINKS = {"dependencies", "run_before", "replaces"}


@dataclass(frozen=True)
class Reference:
    path: str
    line: int
    code: str
    target: str

    def __str__(self) -> str:
        source = self.path.split("/")[0]
        return f"{self.path}:{self.line}: {self.code}  ({source} may not use {self.target}, a layer above it)"


def _app_of(dotted: str) -> str | None:
    app = dotted.split(".")[0].lower()
    return app if app in LAYERS else None


def _module_of(path: str) -> list[str]:
    """portal/mail/outbox.py -> ["portal", "mail", "outbox"]; a package's __init__ is the package."""
    parts = path.removesuffix(".py").split("/")
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported_module(node: ast.ImportFrom, path: str) -> str:
    if node.level == 0:
        return node.module or ""
    package = _module_of(path) if path.endswith("__init__.py") else _module_of(path)[:-1]
    base = package[:len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _called_name(node: ast.Call) -> str:
    function = node.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def _targets_of_call(node: ast.Call) -> list[str]:
    """The app each call names by a string: a lookup by label, a dynamic import, a lazy model reference."""
    name = _called_name(node)
    first = _string(node.args[0]) if node.args else None
    if name in LOOKUPS_BY_LABEL and first:
        return [first.split(".")[0]]
    if name in IMPORTERS and first:
        return [first]
    labels = [_string(keyword.value) for keyword in node.keywords if keyword.arg == "to"]
    if name in MODEL_FIELDS and first:
        labels.append(first)
    return [label for label in labels if label and "." in label]


def _targets_of_assignment(node: ast.Assign) -> list[str]:
    """A migration's dependencies, run_before or replaces: ("reviews", "0001_initial") pairs."""
    names = {target.id for target in node.targets if isinstance(target, ast.Name)}
    if not names & MIGRATION_LINKS or not isinstance(node.value, ast.List | ast.Tuple):
        return []
    return [_string(pair.elts[0]) for pair in node.value.elts
            if isinstance(pair, ast.Tuple) and pair.elts and _string(pair.elts[0])]


def _targets(node: ast.AST, path: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        module = _imported_module(node, path)
        # Climbing to the project's root (`from ... import reviews`) names the apps themselves.
        return [module] if module else [alias.name for alias in node.names]
    if isinstance(node, ast.Call):
        return _targets_of_call(node)
    if isinstance(node, ast.Assign):
        return _targets_of_assignment(node)
    return []


def upward_references(source: str, path: str) -> list[Reference]:
    """Every reference in one file (`path` relative to the project, e.g. "portal/backup.py")
    to an app above the file's own app."""
    own = LAYERS.index(path.split("/")[0])
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        for target in _targets(node, path):
            app = _app_of(target)
            if app is not None and LAYERS.index(app) > own:
                code = " ".join((ast.get_source_segment(source, node) or "").split())
                code = code.replace("( ", "(").replace(", )", ")").replace(" )", ")")
                found.append(Reference(path, node.lineno, code[:120], app))
    return sorted(found, key=lambda reference: (reference.path, reference.line))


def source_files():
    for app in LAYERS:
        for file in sorted((ROOT / app).rglob("*.py")):
            yield file.relative_to(ROOT).as_posix(), file.read_text(encoding="utf-8")


def test_no_app_uses_an_app_above_it():
    offending = [reference for path, source in source_files() for reference in upward_references(source, path)]
    assert not offending, (
        "The layers are portal ← submissions ← reviews ← sampledata; these reach a layer above their own:\n"
        + "\n".join(f"  {reference}" for reference in offending)
    )


def test_every_app_of_the_project_has_its_place_in_the_layers():
    """A new app of our own must be put in LAYERS (at its place) so that its imports are checked too."""
    apps_here = sorted(folder.name for folder in ROOT.iterdir() if (folder / "apps.py").is_file())
    assert sorted(LAYERS) == apps_here, f"apps of the project: {apps_here}; LAYERS: {list(LAYERS)}"
    installed = [app for app in settings.INSTALLED_APPS if app in LAYERS]
    assert installed == list(LAYERS), "INSTALLED_APPS lists the apps from the bottom layer up"


# The check itself: each kind of reference upwards is seen, with its line; references downwards are not.
SOURCE_REACHING_UP = '''\
from django.apps import apps
from reviews.models import Review
import submissions.services
from sampledata import demo


def later():
    from reviews.services import decisions
    import_module("reviews.tasks")
    return apps.get_model("reviews", "Review"), apps.get_model("submissions.Submission")


class Pointer:
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE)
    paper = models.ForeignKey(on_delete=models.CASCADE, to="submissions.submission")


class Migration:
    dependencies = [("portal", "0001_initial"), ("reviews", "0004_dashboard_indexes")]
'''


def test_the_check_sees_every_kind_of_reference_to_a_layer_above():
    found = upward_references(SOURCE_REACHING_UP, "portal/example.py")
    assert [(reference.line, reference.target) for reference in found] == [
        (2, "reviews"), (3, "submissions"), (4, "sampledata"), (8, "reviews"), (9, "reviews"),
        (10, "reviews"), (10, "submissions"), (14, "reviews"), (15, "submissions"), (19, "reviews"),
    ]
    assert str(found[0]) == (
        "portal/example.py:2: from reviews.models import Review  (portal may not use reviews, a layer above it)"
    )


def test_the_check_sees_relative_imports_that_climb_out_of_the_app():
    found = upward_references("from ...reviews import models\n", "submissions/forms/people.py")
    assert [(reference.line, reference.target) for reference in found] == [(1, "reviews")]


def test_the_check_lets_an_app_use_itself_and_the_layers_below():
    source = (
        "from portal.models import Panel\nfrom submissions.models import Submission\nfrom . import models\n"
        "from .permissions import why_not_review\nimport reviews.selectors\n"
        "Submission = apps.get_model('submissions', 'Submission')\nAPPS = ('portal', 'reviews', 'sampledata')\n"
        "class Migration:\n    dependencies = [('submissions', '0002_paperfile_version')]\n"
    )
    assert upward_references(source, "reviews/example.py") == []
    assert upward_references("from reviews.models import Review\n", "sampledata/demo/__init__.py") == []
