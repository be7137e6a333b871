"""The mail package's modules import one way, down its layers: the pages
build on the queueing API, which hands rows to the tasks, which deliver
through the delivery module. An import back up (even inside a function)
would bring back the circle the layers broke."""

import ast
from pathlib import Path

import portal.mail

PACKAGE = Path(portal.mail.__file__).parent
# A module may import only modules of a lower layer.
LAYERS = {
    "apps": 0, "wording": 0, "delivery": 0,
    "tasks": 1,
    "queue": 2, "forms": 2,
    "selectors": 3, "services": 3,
    "views": 4,
    "urls": 5,
}


def mail_modules_imported_by(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "portal.mail":
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("portal.mail."):
            imported.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[2] for alias in node.names if alias.name.startswith("portal.mail.")}
    return imported


def test_every_module_of_the_package_has_a_layer():
    assert {path.stem for path in PACKAGE.glob("*.py")} - {"__init__"} == set(LAYERS)


def test_no_module_of_the_mail_package_imports_one_of_its_own_layer_or_above():
    upward = {
        module: sorted(name for name in mail_modules_imported_by(module) if LAYERS[name] >= LAYERS[module])
        for module in LAYERS
    }
    assert not {module: names for module, names in upward.items() if names}


def test_delivery_knows_nothing_of_celery_or_the_queueing_api():
    assert mail_modules_imported_by("delivery") == set()
