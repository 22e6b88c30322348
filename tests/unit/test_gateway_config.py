"""The gateway's settings: declared knobs, every bad value named at once, nothing clamped."""
import pytest

from services.gateway.app import create_app
from services.gateway.config import DEFAULT_WEB_ROOT, GatewayConfig
from services.gateway.routes import DEFAULT_UPSTREAMS
from shared.settings import SettingsError


def test_defaults_and_values():
    assert GatewayConfig.from_env({}) == GatewayConfig(upstreams=DEFAULT_UPSTREAMS)
    cfg = GatewayConfig.from_env({"GATEWAY_TRUSTED_PROXIES": "2", "GATEWAY_MAX_BODY_BYTES": "2048",
                                  "GATEWAY_UPSTREAM_GOALS": "http://goals:8000/",
                                  "RAPPORT_PUBLIC_BASE_URL": "https://rapport.example.org/api/",
                                  "RAPPORT_LOG_LEVEL": "debug"})
    assert (cfg.trusted_proxies, cfg.max_body_bytes, cfg.log_level) == (2, 2048, "DEBUG")
    assert cfg.upstreams["goals"] == "http://goals:8000" and cfg.upstreams["accounts"] == DEFAULT_UPSTREAMS["accounts"]
    assert cfg.public_base == "https://rapport.example.org/api"


def test_every_bad_value_is_named_at_once_and_none_is_clamped():
    with pytest.raises(SettingsError) as err:
        GatewayConfig.from_env({"GATEWAY_TRUSTED_PROXIES": "two", "GATEWAY_MAX_BODY_BYTES": "10",
                                "GATEWAY_UPSTREAM_NUDGES": "nudges:8000", "RAPPORT_PUBLIC_BASE_URL": "ftp://x",
                                "RAPPORT_LOG_LEVEL": "LOUD"})
    assert err.value.problems == {
        "GATEWAY_TRUSTED_PROXIES": "must be a whole number, got 'two'",
        "GATEWAY_MAX_BODY_BYTES": "must be between 1024 and 1073741824, got 10",
        "GATEWAY_UPSTREAM_NUDGES": "must look like http://host:port, got 'nudges:8000'",
        "RAPPORT_PUBLIC_BASE_URL": "must look like https://host[:port][/prefix], got 'ftp://x'",
        "RAPPORT_LOG_LEVEL": "must be DEBUG, INFO, WARNING or ERROR, got 'LOUD'"}


def test_the_web_root_defaults_to_the_checkouts_build_and_must_be_an_absolute_directory(tmp_path):
    from tests.servers import ROOT

    assert DEFAULT_WEB_ROOT == str(ROOT / "clients" / "web" / "dist")
    assert GatewayConfig.from_env({"GATEWAY_WEB_ROOT": f"{tmp_path}/dist/"}).web_root == str(tmp_path / "dist")
    (tmp_path / "index.html").write_text("<!doctype html>")
    with pytest.raises(SettingsError) as err:
        GatewayConfig.from_env({"GATEWAY_WEB_ROOT": "clients/web/dist"})
    assert err.value.problems == {"GATEWAY_WEB_ROOT": "must be an absolute path, got 'clients/web/dist'"}
    with pytest.raises(SettingsError) as err:
        GatewayConfig.from_env({"GATEWAY_WEB_ROOT": str(tmp_path / "index.html")})
    assert err.value.problems == {"GATEWAY_WEB_ROOT": f"must be a directory, got the file '{tmp_path}/index.html'"}


def test_the_gateway_stops_at_start_with_the_names_not_a_traceback_of_int(monkeypatch):
    monkeypatch.setenv("GATEWAY_TRUSTED_PROXIES", "-1")
    with pytest.raises(SettingsError, match="GATEWAY_TRUSTED_PROXIES: must be between 0 and 16, got -1"):
        create_app()
    monkeypatch.setenv("GATEWAY_TRUSTED_PROXIES", "1")
    monkeypatch.setenv("GATEWAY_MAX_BODY_BYTES", "4096")
    assert create_app().config["MAX_CONTENT_LENGTH"] == 4096
