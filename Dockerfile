# One image for every Rapport process; docker-compose.yml and deploy/k8s choose the command.

# The member web app (clients/web), built here so the image needs no Node.js: its package
# list first (the npm layer is reused until the lockfile changes), then its sources, named one
# by one so a local node_modules/ or dist/ never enters the build.
FROM node:20-slim AS web
WORKDIR /web
COPY clients/web/package.json clients/web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY clients/web/index.html clients/web/vite.config.ts clients/web/tsconfig*.json ./
COPY clients/web/public ./public
COPY clients/web/src ./src
RUN npm run build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY shared ./shared
COPY services ./services
RUN pip install . && useradd --system --uid 10001 rapport
# the gateway serves it at / from its default GATEWAY_WEB_ROOT, /app/clients/web/dist (gunicorn
# runs from /app, so services/gateway is imported from /app/services: services/gateway/config.py)
COPY --from=web /web/dist ./clients/web/dist
USER rapport
EXPOSE 8000
CMD ["gunicorn", "-c", "python:shared.gunicorn_conf", "--bind", "0.0.0.0:8000", "services.gateway.app:create_app()"]
