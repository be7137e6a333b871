# One image for every process of the portal: the web server (gunicorn), the
# Celery worker and beat, and the one-shot migration (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin portal

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install '.[s3]'

COPY . .
# Static files are collected, fingerprinted and compressed at build time;
# WhiteNoise serves them. The key only lets the settings load here.
RUN SECRET_KEY=only-for-collectstatic python manage.py collectstatic --noinput \
    && mkdir -p /data/private-media \
    && chown portal:portal /data/private-media

USER portal
ENV PRIVATE_MEDIA_ROOT=/data/private-media \
    PORT=8000 \
    GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000
# Reads gunicorn.conf.py in /app: bind, workers, JSON logs.
CMD ["gunicorn", "portal.wsgi"]
