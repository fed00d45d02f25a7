# The Pledgeline image used by compose.yaml: app servers, task workers and the sweeper.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PLEDGELINE_VAR_DIR=/var/lib/pledgeline
WORKDIR /app

# Only the dependencies (the project runs from this folder, as with dev.py).
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt

COPY . .
RUN useradd --system --home /var/lib/pledgeline pledgeline \
    && mkdir -p /var/lib/pledgeline && chown pledgeline /var/lib/pledgeline \
    && STATIC_MANIFEST=1 python manage.py collectstatic --no-input -v 0
USER pledgeline

EXPOSE 8000
CMD ["gunicorn", "pledgeline.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4"]
