# One image for every Rapport process; docker-compose.yml and deploy/k8s choose the command.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY shared ./shared
COPY services ./services
RUN pip install . && useradd --system --uid 10001 rapport
USER rapport
EXPOSE 8000
CMD ["gunicorn", "-c", "python:shared.gunicorn_conf", "--bind", "0.0.0.0:8000", "services.gateway.app:create_app()"]
