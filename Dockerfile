# STO-beheer: a two-stage image. The build stage installs the dependencies into a virtual
# environment; the runtime stage holds that environment, the source and the collected static
# files, and runs as an unprivileged user. See docs/operations.md.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
WORKDIR /src
COPY pyproject.toml README.md ./
COPY sto sto
COPY regions regions
COPY cofinancing cofinancing
COPY plans plans
COPY formula formula
COPY assessment assessment
COPY compliance compliance
COPY reporting reporting
COPY overview overview
COPY demo demo
RUN /venv/bin/pip install .

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/venv/bin:$PATH \
    STO_VAR_DIR=/data/var MEDIA_ROOT=/data/media STATIC_ROOT=/app/staticfiles
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin sto \
 && mkdir -p /data/var /data/media \
 && chown -R sto:sto /data
COPY --from=build /venv /venv
WORKDIR /app
COPY . .
RUN DEBUG=false SECRET_KEY=build-only python manage.py collectstatic --noinput -v0 \
 && chown -R sto:sto /app/staticfiles
USER sto
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0], 'X-Forwarded-Proto': 'https'}), timeout=4)"]
CMD ["gunicorn", "sto.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--threads", "2", "--timeout", "120"]
