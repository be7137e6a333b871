"""The reviewing side's tasks sit above its services: reviews.tasks imports
the services, and nothing in reviews/services (nor reviews.dispatch, which the
services call to start background work) imports reviews.tasks, not even
inside a function. Read with ast."""

import ast
from pathlib import Path

REVIEWS = Path(__file__).resolve().parents[2] / "reviews"


def imported_modules(path: Path) -> list[tuple[int, str, bool]]:
    """(line, module, inside a function) for every import of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = {id(node) for function in ast.walk(tree) if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
              for node in ast.walk(function)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module, id(node) in inside))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, id(node) in inside) for alias in node.names]
    return found


def below_the_tasks() -> list[Path]:
    return sorted((REVIEWS / "services").glob("*.py")) + [REVIEWS / "dispatch.py"]


def test_nothing_below_the_tasks_imports_them():
    offenders = [
        f"{path.relative_to(REVIEWS.parent)}:{line} {module}"
        for path in below_the_tasks() for line, module, _inside in imported_modules(path)
        if module == "reviews.tasks" or module.startswith("reviews.tasks.")
    ]
    assert not offenders, offenders


def test_the_services_import_at_the_top_of_their_modules():
    offenders = [
        f"{path.relative_to(REVIEWS.parent)}:{line} {module}"
        for path in below_the_tasks() for line, module, inside in imported_modules(path) if inside
    ]
    assert not offenders, offenders


def test_the_tasks_import_the_services():
    assert any(module.startswith("reviews.services") for _line, module, _inside in imported_modules(REVIEWS / "tasks.py"))
