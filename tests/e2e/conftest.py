"""Browser tests: the real Streamlit server on a free 127.0.0.1 port, driven by Debian's Chromium.

Every request to anything but 127.0.0.1 is blocked, so offline behaviour is
tested rather than assumed. A failing test leaves a screenshot in test-artifacts/.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.server import LOCAL, Server
from tests.helpers import DATA, FIXTURE, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    config._atlas_browser_skipped = True
    if os.environ.get("CI"):
        raise pytest.UsageError(f"browser tests need Chromium at {CHROMIUM}; .ci/run installs it")
    skip = pytest.mark.skip(reason="Chromium not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, config):
    if getattr(config, "_atlas_browser_skipped", False):
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED: Chromium not found; run `apt-get install chromium`", red=True)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    srv = Server(FIXTURE, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled record (data/), as a briefing shows it: crowded, and growing."""
    srv = Server(DATA, tmp_path_factory.mktemp("bundled") / "streamlit.log")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    blocked: list[str] = []

    def only_local(route):
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", only_local)
    pg = context.new_page()
    pg.blocked_requests = blocked
    yield pg
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
