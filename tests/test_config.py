"""The deployment settings in .streamlit/config.toml are the ones Streamlit actually uses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def effective_config(monkeypatch):
    """Streamlit's configuration as `streamlit run` from the repository root would read it."""
    from streamlit import config

    monkeypatch.chdir(ROOT)
    for key in list(os.environ):
        if key.startswith("STREAMLIT_"):
            monkeypatch.delenv(key)
    config._config_options = None
    config.get_config_options(force_reparse=True)
    yield config.get_option
    config._config_options = None
    config.get_config_options(force_reparse=True)


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("server.enableXsrfProtection", True),
        ("server.enableCORS", True),
        ("browser.gatherUsageStats", False),
        ("client.showErrorDetails", "none"),
        ("server.fileWatcherType", "none"),
        ("server.runOnSave", False),
        ("client.toolbarMode", "viewer"),
        ("server.maxUploadSize", 1),
        ("server.enableStaticServing", True),
        ("server.headless", True),
        ("runner.postScriptGC", False),
    ],
)
def test_public_deployment_settings(effective_config, option, expected):
    assert effective_config(option) == expected
