# The application image: gunicorn serving Django, static files collected at build time.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app

COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .
RUN python scripts/compile_translations.py \
 && SECRET_KEY=build-only-not-used-at-run-time python manage.py collectstatic --noinput -v 0 \
 && useradd --system --uid 10001 --home /app portal \
 && mkdir -p /data/private-media && chown portal /data/private-media

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "-c", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
