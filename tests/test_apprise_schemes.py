"""The cached list of Apprise schemes: read without loading plugins, refreshed on a new Apprise or a miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eewatch.config.apprise_plugins import Schemes, installed_apprise
from eewatch.config.dirs import user_dir
from tests.support.cli import run_python

_CHILD = """
import json, sys
from pathlib import Path

import pytest
from eewatch.config.apprise_plugins import Schemes
schemes = Schemes(Path(sys.argv[1]))
found = {s: s in schemes for s in sys.argv[2:]}
loaded = any(m.startswith("apprise.plugins.") for m in sys.modules)
print(json.dumps({"found": found, "loaded": loaded}))
"""


def check(cache: Path, *schemes: str) -> dict[str, object]:
    done = run_python("-c", _CHILD, str(cache), *schemes)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_first_check_loads_the_plugins_and_keeps_the_list(tmp_path: Path) -> None:
    cache = tmp_path / "schemes.json"
    assert check(cache, "json") == {"found": {"json": True}, "loaded": True}
    kept = json.loads(cache.read_text())
    assert kept["apprise"] == installed_apprise()
    assert {"json", "mailtos", "slack"} <= set(kept["schemes"])
    # The next process reads the list: no plugin imported.
    assert check(cache, "json", "mailtos") == {"found": {"json": True, "mailtos": True}, "loaded": False}


def test_a_list_from_another_apprise_is_not_trusted(tmp_path: Path) -> None:
    cache = tmp_path / "schemes.json"
    cache.write_text(json.dumps({"apprise": "0.0.1 elsewhere", "schemes": ["json", "madeup"]}))
    assert check(cache, "madeup") == {"found": {"madeup": False}, "loaded": True}
    assert json.loads(cache.read_text())["apprise"] == installed_apprise()
    assert "madeup" not in json.loads(cache.read_text())["schemes"]


def test_a_scheme_the_list_lacks_asks_the_plugins_and_refreshes_it(tmp_path: Path) -> None:
    cache = tmp_path / "schemes.json"
    cache.write_text(json.dumps({"apprise": installed_apprise(), "schemes": ["json"]}))
    assert check(cache, "json") == {"found": {"json": True}, "loaded": False}
    assert check(cache, "mailtos") == {"found": {"mailtos": True}, "loaded": True}
    assert "mailtos" in json.loads(cache.read_text())["schemes"]


def test_an_unknown_scheme_is_refused_and_an_unwritable_cache_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    schemes = Schemes(blocked / "schemes.json")  # its folder is a file: the list cannot be kept
    assert "nosuchscheme" not in schemes
    assert "json" in schemes


@pytest.mark.parametrize(
    "environ",
    [{}, {"XDG_DATA_HOME": "/srv/data", "XDG_CACHE_HOME": "/srv/cache"}, {"XDG_CACHE_HOME": "  "}],
)
def test_the_user_folders_are_where_platformdirs_puts_them(
    environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    assert user_dir("data") == Path(platformdirs.user_data_dir("eewatch"))
    assert user_dir("cache") == Path(platformdirs.user_cache_dir("eewatch"))
