import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_docker_compose_runs_a_proxy_two_web_replicas_worker_one_beat_postgres_redis():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"proxy", "postgres", "redis", "migrate", "web", "worker", "beat"}
    assert "gunicorn sto.wsgi:application" in services["web"]["command"]
    assert services["web"]["deploy"]["replicas"] == 2
    assert services["worker"]["command"].startswith("celery -A sto worker")
    assert services["beat"]["command"].startswith("celery -A sto beat")
    assert services["beat"]["deploy"]["replicas"] == 1
    # Only the proxy is published; the web replicas are reachable through it alone, which is
    # why they may trust X-Forwarded-Proto.
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    for name in ("web", "worker", "beat", "migrate"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
        assert env["DEBUG"] == "false"
        assert env["STO_BEHIND_PROXY"] == "true"
        assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "max_size 21MB" in caddyfile and "reverse_proxy web:8000" in caddyfile


def test_the_image_is_multi_stage_non_root_with_a_healthcheck_and_no_local_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    lines = [line.strip() for line in dockerfile.splitlines()]
    assert sum(line.startswith("FROM ") for line in lines) == 2
    assert "USER sto" in lines
    assert any(line.startswith("HEALTHCHECK") for line in lines)
    assert "/healthz" in dockerfile
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "var", ".env", "media"} <= ignored
    # Every app the settings install is copied into the build stage.
    from django.conf import settings

    for app in settings.INSTALLED_APPS:
        if "." not in app and app not in {"simple_history", "csp", "axes", "django_otp"}:
            assert f"COPY {app} {app}" in lines, app


def test_x_forwarded_proto_is_trusted_only_behind_the_proxy(settings):
    assert settings.STO_BEHIND_PROXY is False
    assert settings.SECURE_PROXY_SSL_HEADER is None


def test_check_deploy_is_clean_with_production_values():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
        "ALLOWED_HOSTS": "sto.example.nl",
        "SECURE_SSL_REDIRECT": "true",
        "DATABASE_URL": "sqlite:////tmp/sto-check-deploy.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_default_to_dutch_amsterdam_and_eager_tasks_without_broker(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    if not os.environ.get("CELERY_BROKER_URL") and not os.environ.get("REDIS_URL"):
        assert settings.CELERY_TASK_ALWAYS_EAGER is True
