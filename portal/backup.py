"""One conference's data in one archive, and back into an empty database.

What belongs to a conference is found from the models themselves, so a model
added later is carried without a change here: starting from the Conference,
every concrete model of the scoped apps (those whose AppConfig says
`conference_data = True`: the core names no app above it) whose foreign keys
lead (directly or through other such models) to it is in scope, and its rows
are those whose keys point at rows already in scope. Then come the people
involved: every user a selected row refers to, or whose email address a
selected row names, with their email addresses, authenticators and linked
accounts (ACCOUNT_MODELS).

A model of a scoped app that no key ties to a conference, or a selected row
that refers to something the archive would not carry, stops the export with
a message naming it: nothing is left out silently.

The archive is a zip: `manifest.json` (format, schema, counts, checksums),
`data.json` (Django's serializer, original primary keys kept, content types by
natural key) and `files/<storage name>` for every stored file, byte for byte.
"""

import datetime
import graphlib
import hashlib
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q

from portal.models import Conference

FORMAT = 1
ACCOUNT_MODELS = ("account.EmailAddress", "mfa.Authenticator", "socialaccount.SocialAccount")
# Rows of these are made by `migrate` in every database; references to them travel by natural key.
PRESENT_EVERYWHERE = ("contenttypes.ContentType", "auth.Permission")


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ArchiveError(Exception):
    """The export or import cannot be done as asked; the message says why."""


def label(model) -> str:
    return model._meta.label


def _foreign_keys(model):
    return [f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)]


def scoped_apps() -> list[str]:
    """Labels of the installed apps that hold conference data, in INSTALLED_APPS order."""
    return [config.label for config in apps.get_app_configs() if getattr(config, "conference_data", False)]


def _scoped_app_models() -> list[type[models.Model]]:
    user_model = get_user_model()
    return [
        model
        for app_label in scoped_apps()
        for model in apps.get_app_config(app_label).get_models()
        if not model._meta.proxy and model is not user_model
    ]


def _belonging_keys(model, in_scope) -> list[models.ForeignKey]:
    """The keys through which a model's rows belong to a conference: its required
    keys into the scope, or its optional ones when it has no required one. An
    optional key beside a required one (a review's pending edit pointing at one
    of its own versions) says nothing more and may point "forward"."""
    keys = [f for f in _foreign_keys(model) if f.related_model in in_scope and f.related_model is not model]
    required = [f for f in keys if not f.null]
    return required or keys


def scope_plan() -> dict[type[models.Model], list[models.ForeignKey]]:
    """Each model in a conference's scope, in an order where a model comes after
    the models it points at, with the keys through which its rows belong."""
    candidates = _scoped_app_models()
    in_scope = {Conference}
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model not in in_scope and any(
                f.related_model in in_scope and f.related_model is not model for f in _foreign_keys(model)
            ):
                in_scope.add(model)
                grew = True
    links = {model: _belonging_keys(model, in_scope) for model in in_scope}
    order = graphlib.TopologicalSorter({model: {f.related_model for f in fks} for model, fks in links.items()})
    try:
        ordered = list(order.static_order())
    except graphlib.CycleError as error:
        raise ArchiveError(f"The conference's models refer to each other in a cycle: {error.args[1]}") from None
    return {model: links[model] for model in ordered}


def uncovered_models() -> list[str]:
    """Models of the scoped apps the export would not carry (must be empty)."""
    plan = scope_plan()
    return sorted(label(model) for model in _scoped_app_models() if model not in plan)


def _account_models() -> list[type[models.Model]]:
    found = []
    for name in ACCOUNT_MODELS:
        try:
            found.append(apps.get_model(name))
        except LookupError:  # that part of allauth is not installed
            continue
    return found


def _user_key(model):
    user_model = get_user_model()
    return next(f for f in _foreign_keys(model) if f.related_model is user_model)


@dataclass
class Selection:
    querysets: dict = field(default_factory=dict)  # model -> queryset, in load order

    def count(self) -> dict[str, int]:
        return {label(model): queryset.count() for model, queryset in self.querysets.items()}


def select_conference(conference: Conference) -> Selection:
    """Every row of the conference and of the people involved, as querysets."""
    if uncovered := uncovered_models():
        raise ArchiveError(
            "These models are tied to no conference, so the export cannot tell which rows to carry: "
            + ", ".join(uncovered)
        )
    user_model = get_user_model()
    plan = scope_plan()
    scoped = {}
    for model, keys in plan.items():
        if model is Conference:
            scoped[model] = Conference.objects.filter(pk=conference.pk)
            continue
        condition = Q()
        for key in keys:
            condition |= Q(**{f"{key.name}__in": scoped[key.related_model]})
        scoped[model] = model._default_manager.filter(condition)

    user_ids = set()
    emails = set()
    for model, queryset in scoped.items():
        for f in model._meta.get_fields():
            if f.is_relation and f.concrete and f.related_model is user_model:
                user_ids.update(v for v in queryset.values_list(f.name, flat=True) if v is not None)
            elif isinstance(f, models.EmailField):
                emails.update(v.lower() for v in queryset.values_list(f.name, flat=True) if v)
    if emails:
        # Co-authors and others named by address are involved when the address is theirs.
        named = Q(email__in=emails) | Q(emailaddress__email__in=emails, emailaddress__verified=True)
        user_ids.update(user_model.objects.filter(named).values_list("pk", flat=True))
    users = user_model.objects.filter(pk__in=user_ids)

    from django.contrib.auth.models import Group

    selection = Selection()
    selection.querysets[Group] = Group.objects.filter(user__in=users).distinct()
    selection.querysets[user_model] = users
    for model in _account_models():
        selection.querysets[model] = model._default_manager.filter(**{f"{_user_key(model).name}__in": users})
    selection.querysets.update(scoped)
    _check_references(selection)
    return selection


def _check_references(selection: Selection) -> None:
    """Every key of a selected row points at a selected row (or at a row every database has)."""
    carried = set(selection.querysets)
    present = {apps.get_model(name) for name in PRESENT_EVERYWHERE}
    for model, queryset in selection.querysets.items():
        relations = [f for f in model._meta.get_fields() if f.is_relation and f.concrete and f.related_model]
        for relation in relations:
            target = relation.related_model
            if target in present:
                continue
            if target not in carried:
                if queryset.filter(**{f"{relation.name}__isnull": False}).exists():
                    raise ArchiveError(
                        f"{label(model)}.{relation.name} refers to {label(target)}, which the archive does not carry."
                    )
                continue
            stray = (
                queryset.filter(**{f"{relation.name}__isnull": False})
                .exclude(**{f"{relation.name}__in": selection.querysets[target]})
                .values_list("pk", flat=True)[:3]
            )
            if stray:
                raise ArchiveError(
                    f"{label(model)} rows {list(stray)} refer through {relation.name} to {label(target)} "
                    "rows outside this conference."
                )


def _file_fields(model) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _schema() -> dict[str, list[str]]:
    applied = MigrationRecorder.Migration.objects.order_by("app", "name").values_list("app", "name")
    schema: dict[str, list[str]] = {}
    for app_label, name in applied:
        schema.setdefault(app_label, []).append(name)
    return schema


def conference_export(*, conference: Conference, path: Path) -> dict:
    """Write the conference to a zip archive at `path`; returns its manifest."""
    selection = select_conference(conference)
    objects = []
    files = {}
    for model, queryset in selection.querysets.items():
        rows = list(queryset.order_by("pk"))
        objects.extend(rows)
        for file_field in _file_fields(model):
            for row in rows:
                stored = getattr(row, file_field.attname)
                if stored:
                    files[stored.name] = stored
    data = serializers.serialize("json", objects, use_natural_foreign_keys=True, indent=1, cls=ExactJSONEncoder)

    manifest = {
        "format": FORMAT,
        "conference": conference.slug,
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "schema": _schema(),
        "rows": selection.count(),
        "files": {},
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data)
        for name, stored in sorted(files.items()):
            with stored.open("rb") as source:
                content = source.read()
            manifest["files"][name] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
            archive.writestr(f"files/{name}", content, compress_type=zipfile.ZIP_STORED)  # PDFs are compressed already
        archive.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def describe(manifest: dict) -> str:
    return f"{sum(manifest['rows'].values())} rows and {len(manifest['files'])} files of {manifest['conference']}"


def _read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except KeyError:
        raise ArchiveError("This file is not a conference archive: it has no manifest.json.") from None
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"Archive format {manifest.get('format')!r} is not the one this portal reads ({FORMAT}).")
    return manifest


def _check_schema(manifest: dict) -> None:
    here = {app_label: set(names) for app_label, names in _schema().items()}
    unknown = [
        f"{app_label}.{name}"
        for app_label, names in manifest["schema"].items()
        for name in names
        if name not in here.get(app_label, set())
    ]
    if unknown:
        raise ArchiveError(
            "The archive comes from a newer version of the portal; these migrations are not applied here: "
            + ", ".join(sorted(unknown)[:10])
        )


def _check_empty(manifest: dict) -> None:
    occupied = [name for name in manifest["rows"] if apps.get_model(name)._default_manager.exists()]
    if occupied:
        raise ArchiveError(
            "The database is not empty (it has rows of " + ", ".join(occupied) + "). "
            "Import into a freshly migrated database."
        )


def conference_import(*, path: Path) -> dict:
    """Restore an archive written by `conference_export` into an empty database."""
    from django.core.files.storage import default_storage

    with zipfile.ZipFile(path) as archive:
        manifest = _read_manifest(archive)
        _check_schema(manifest)
        _check_empty(manifest)
        contents = {}
        for name, expected in manifest["files"].items():
            content = archive.read(f"files/{name}")
            if hashlib.sha256(content).hexdigest() != expected["sha256"]:
                raise ArchiveError(f"The archive is damaged: {name} does not match its checksum.")
            contents[name] = content
        written = []
        try:
            with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
                fixture = Path(folder) / "conference.json"
                fixture.write_bytes(archive.read("data.json"))
                call_command("loaddata", str(fixture), verbosity=0)
                for name, content in contents.items():
                    if default_storage.exists(name):
                        raise ArchiveError(f"The storage already holds a file named {name}.")
                    saved = default_storage.save(name, ContentFile(content))
                    written.append(saved)
                    if saved != name:
                        raise ArchiveError(f"The storage renamed {name} to {saved}.")
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return manifest
