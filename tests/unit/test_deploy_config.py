"""docker-compose.yml, deploy/k8s and the local Procfile describe the same suite."""
from pathlib import Path

import yaml

from services.gateway.routes import DEFAULT_UPSTREAMS, ROUTES
from shared.topics import SERVICE_TOPICS
from tests.procfile import entries

ROOT = Path(__file__).resolve().parents[2]
SERVICES = set(DEFAULT_UPSTREAMS)
FOLLOWERS = {f"follower-{p.parent.name}" for p in (ROOT / "services").glob("*/followers.py")}


def _k8s_docs():
    docs = []
    for path in sorted((ROOT / "deploy" / "k8s").glob("*.yaml")):
        docs += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return docs


def test_procfile_runs_every_service_its_relay_workers_and_the_gateway():
    names = {name for name, _ in entries()}
    assert SERVICES | {"gateway"} <= names
    assert {f"relay-{s}" for s in SERVICE_TOPICS} <= names
    assert any(n.startswith("nudge-worker") for n in names)
    assert FOLLOWERS and FOLLOWERS <= names


def test_compose_has_the_same_processes_and_real_servers():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert compose["mongo"]["image"].startswith("mongo:7")
    assert compose["kafka"]["image"].startswith("apache/kafka:")
    assert compose["kafka"]["environment"]["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert SERVICES | {"gateway", "nudge-worker", "topics"} <= set(compose)
    assert {f"relay-{s}" for s in SERVICE_TOPICS} <= set(compose)
    assert FOLLOWERS <= set(compose)
    assert "replicas" in compose["nudge-worker"]["deploy"]
    upstreams = {k for k in compose["gateway"]["environment"] if k.startswith("GATEWAY_UPSTREAM_")}
    assert upstreams == {f"GATEWAY_UPSTREAM_{s.upper()}" for s in SERVICES}


def test_k8s_manifests_cover_the_suite_and_scale_workers_on_lag():
    docs = _k8s_docs()
    deployments = {d["metadata"]["name"] for d in docs if d["kind"] == "Deployment"}
    assert SERVICES | {"gateway", "nudge-worker"} | {f"relay-{s}" for s in SERVICE_TOPICS} <= deployments
    assert FOLLOWERS <= deployments
    scaled = [d for d in docs if d["kind"] == "ScaledObject"]
    assert scaled and scaled[0]["spec"]["scaleTargetRef"]["name"] == "nudge-worker"
    assert scaled[0]["spec"]["maxReplicaCount"] <= 12
    listed = yaml.safe_load((ROOT / "deploy" / "k8s" / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == sorted(p.name for p in (ROOT / "deploy" / "k8s").glob("*.yaml")
                                    if p.name != "kustomization.yaml")


def test_every_routed_service_is_a_known_upstream():
    assert set(ROUTES.values()) == SERVICES


def test_whatever_dies_is_restarted_everywhere():
    """Local: every Procfile line runs under supervise.sh; Compose: `restart` everywhere and a
    heartbeat healthcheck for the background processes; Kubernetes: a liveness probe on every
    container (the heartbeat for relays, followers and workers)."""
    background = {f"relay-{s}" for s in SERVICE_TOPICS} | FOLLOWERS
    suite = (ROOT / "deploy" / "local" / "suite.sh").read_text()
    assert '"$LOCAL_DIR/supervise.sh" "$name" "${CMDS[i]}"' in suite
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for name in background | {"nudge-worker"}:
        assert compose[name]["restart"] == "unless-stopped", name
        assert compose[name]["healthcheck"]["test"][:4] == ["CMD", "python", "-m", "shared.process"], name
        assert compose[name]["environment"]["RAPPORT_HEARTBEAT_FILE"]
    for name in SERVICES | {"gateway"}:
        assert compose[name]["restart"] == "unless-stopped", name
    deployments = {d["metadata"]["name"]: d for d in _k8s_docs() if d["kind"] == "Deployment"}
    config = next(d for d in _k8s_docs() if d["kind"] == "ConfigMap")["data"]
    assert config["RAPPORT_HEARTBEAT_FILE"] and config["RAPPORT_PUBLIC_BASE_URL"].startswith("https://")
    for name, deployment in deployments.items():
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert "livenessProbe" in container, name
        if name in background | {"nudge-worker"}:
            assert container["livenessProbe"]["exec"]["command"][:4] == ["python", "-m", "shared.process", "alive"]
            assert {"configMapRef": {"name": "rapport-config"}} in container["envFrom"]


def test_every_service_verifies_tokens_with_accounts_jwks_and_no_secret_is_configured():
    """Tokens are ES256 from accounts' key ring: Compose, Kubernetes and `make up`'s .run/env
    point the services at accounts' JWKS, and no HS256 secret is left anywhere."""
    jwks = "http://accounts:8000/.well-known/jwks.json"
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for name in SERVICES - {"accounts"}:
        assert compose[name]["environment"]["RAPPORT_JWKS_URL"] == jwks, name
    config = next(d for d in _k8s_docs() if d["kind"] == "ConfigMap")["data"]
    assert config["RAPPORT_JWKS_URL"] == jwks
    assert not [d for d in _k8s_docs() if d["kind"] == "Secret"]
    suite = (ROOT / "deploy" / "local" / "suite.sh").read_text()
    assert "RAPPORT_JWKS_URL=$jwks" in suite and "/.well-known/jwks.json" in suite
    for path in [ROOT / "docker-compose.yml", *(ROOT / "deploy").rglob("*.yaml")]:
        assert "RAPPORT_JWT_SECRET" not in path.read_text(), path
