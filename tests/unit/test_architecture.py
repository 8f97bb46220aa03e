"""The rule of the house (see atlas/__init__.py): rooms import one way, Streamlit and the environment in one place each."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

# Lowest floor first: a module may import from its own room or from a room on a lower floor.
FLOORS = [
    {"atlas.i18n"},
    {"geo", "atlas.catalogue"},
    {"atlas.settings"},
    {"atlas.dataset"},
    {"atlas.ingest", "atlas.filters"},
    {"atlas.acled"},
    {"atlas.views"},
    {"atlas.briefing"},
    {"atlas.ui", "atlas.__main__"},
]
FLOOR = {room: level for level, rooms in enumerate(FLOORS) for room in rooms}
PACKAGES = ("atlas", "geo")
MODULES = sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str | None:
    """The room a module belongs to: geo, atlas.<package> or a top-level atlas module; None for atlas itself."""
    parts = module.split(".")
    if parts[0] == "geo":
        return "geo"
    if parts[0] == "atlas" and len(parts) > 1:
        return ".".join(parts[:2])
    return None


def imports(path: Path) -> list[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]  # "from atlas import settings"
    return found


def test_every_module_is_in_a_room_on_a_floor():
    for path in MODULES:
        name = module_name(path)
        assert name == "atlas" or room(name) in FLOOR, f"{name} is in no room: add it to FLOORS and atlas/__init__.py"


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_imports_go_down_or_stay_in_the_room(path):
    here = room(module_name(path))
    if here is None:
        return
    for target in imports(path):
        there = room(target)
        if there is None or there == here:  # another library, or the module's own room
            continue
        assert FLOOR[there] < FLOOR[here], f"{module_name(path)} imports {target}: {here} may not reach up to {there}"


def test_only_the_ui_module_imports_streamlit():
    for path in MODULES:
        streamlit = [t for t in imports(path) if t.split(".")[0] in {"streamlit", "streamlit_folium"}]
        if module_name(path) != "atlas.ui":
            assert not streamlit, f"{module_name(path)} imports {streamlit}"


def test_only_settings_reads_the_environment():
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        if module_name(path) != "atlas.settings":
            assert "os.environ" not in text and "getenv" not in text, module_name(path)


def test_pages_import_the_product_not_each_other():
    for path in [ROOT / "dashboard.py", *sorted((ROOT / "app_pages").glob("*.py"))]:
        for target in imports(path):
            top = target.split(".")[0]
            assert top in {"atlas", "geo", "streamlit", "streamlit_folium", "__future__"}, (path.name, target)


def test_every_room_says_what_it_is_for_and_may_import():
    for package in [ROOT / "atlas", ROOT / "geo", *sorted(p for p in (ROOT / "atlas").iterdir() if (p / "__init__.py").exists())]:
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc, f"{package.name}/__init__.py must say what the room is for and may import"


def test_no_room_is_a_heap_of_loose_modules():
    for package in [ROOT / "geo", ROOT / "atlas", *((ROOT / "atlas").iterdir())]:
        if (package / "__init__.py").exists():
            modules = [p for p in package.glob("*.py") if p.stem not in {"__init__", "__main__"}]
            assert len(modules) <= 10, f"{package.name} holds {len(modules)} modules: split it into rooms"


def test_the_app_loads_no_importer_ingest_or_gazetteer():
    """What the pages import pulls in neither the ACLED importer, nor ingest, nor the gazetteer and geocoder."""
    import subprocess
    import sys

    pages = [ROOT / "dashboard.py", *sorted((ROOT / "app_pages").glob("*.py"))]
    wanted = sorted({t for page in pages for t in imports(page) if room(t)})
    script = ("import importlib, sys\n"
              f"for name in {wanted!r}:\n"
              "    try:\n        importlib.import_module(name)\n    except ModuleNotFoundError:\n        pass\n"
              "print(' '.join(sorted(m for m in sys.modules if m.startswith(('atlas', 'geo')))))")
    loaded = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    assert "atlas.ui" in loaded and "atlas.acled.layer" in loaded
    for heavy in ("atlas.acled.importer", "atlas.ingest.draft", "atlas.ingest.extract", "geo.gazetteer", "geo.geocode"):
        assert heavy not in loaded, heavy
