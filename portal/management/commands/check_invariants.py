from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import module_has_submodule


def invariant_modules() -> dict:
    """Each installed app's `invariants` module, by app label, in INSTALLED_APPS
    order: an app joins the check by having one, so the core names no app above it."""
    return {
        config.label: import_module(f"{config.name}.invariants")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "invariants")
    }


def find_violations() -> list[str]:
    """Run every `check_*` function of each app's `invariants` module."""
    problems = []
    for app, module in invariant_modules().items():
        for name in sorted(dir(module)):
            if name.startswith("check_"):
                problems.extend(f"{app}.{name}: {problem}" for problem in getattr(module, name)())
    return problems


class Command(BaseCommand):
    help = "Checks the rules the data must always keep; exits non-zero when one is broken."

    def handle(self, *args, **options):
        problems = find_violations()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} invariant(s) broken.")
        self.stdout.write(self.style.SUCCESS("All invariants hold."))
