"""The real dashboard server on a free 127.0.0.1 port, for browser tests and the load test."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a browser driven against the server may fetch: the machine itself and inline data, nothing else.
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:", "file://")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``streamlit run dashboard.py`` on ``data_dir``, ready when its health check answers.

    ``first_in_line`` raises the server's CPU priority, for when browsers share its machine.
    """

    def __init__(self, data_dir: Path, log: Path, first_in_line: bool = False, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(log).open("w")
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port",
                   str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true"]
        self.process = subprocess.Popen(
            ["nice", "-n", "-5", *command] if first_in_line else command, cwd=ROOT,
            env={**os.environ, **(env or {}), "ATLAS_DATA_DIR": str(data_dir)}, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"streamlit did not become ready; see {log}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
