"""The server settings SECURITY.md promises, and no secret in the repository."""
from __future__ import annotations

import subprocess
import tomllib

from tests.helpers import ROOT


def test_server_settings_hold():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True  # in Streamlit, true means no cross-origin access
    assert 0 < config["server"]["maxUploadSize"] <= 10
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False


def test_no_secrets_are_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not [p for p in tracked if p.endswith(("secrets.toml", ".env", ".pem", ".key"))]
    assert ".streamlit/secrets.toml" not in tracked


def test_security_policy_exists_and_says_how_to_report():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "## Reporting a problem" in text and "showErrorDetails" in text
