from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

import kedr_tui

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "reports" / "2021.toml"
PACKAGE = Path(kedr_tui.__file__).resolve().parent


def pytest_report_header(config):
    return f"kedr_tui imported from {PACKAGE}"


def pytest_sessionstart(session):
    """``.ci/run`` tests the installed wheel: the checkout must not stand in for it."""
    if os.environ.get("KEDR_TEST_INSTALLED") and PACKAGE.is_relative_to(ROOT):
        pytest.exit(f"KEDR_TEST_INSTALLED is set but kedr_tui comes from the checkout ({PACKAGE}); "
                    "run pytest with PYTHONSAFEPATH=1 and the wheel installed", returncode=4)

# A small report that passes every check: tests change one thing in it.
CLEAN = '''\
format = 1
year = 2021

[program]
code = "04"
title = "Программа"
municipality = "Город"
goal = "Цель"

[signature]
position = "Мэр"
name = "И.И. Иванов"
executor = "Петров П.П."

[[tasks]]
title = "Задача один"

[[indicators]]
task = 1
name = "Показатель"
unit = "%"
prev = 10
plan = 10
fact = 10
formula = "П=(5/5)*10"

[[indicators]]
task = 0
name = "Показатель цели"
unit = "ед."
prev = 5
plan = 4
fact = 5

[[activities]]
code = "04.0.01.0"
task = 1
title = "Основное мероприятие"

[[activities]]
code = "04.0.01.1"
title = "Мероприятие"

[[expenses]]
code = "04.0.01.1"
executor = "Администрация"
plan_year = 100.00
plan_period = 100.00
cash = 100.00

[[amendments]]
act = "Постановление"
date = 2021-03-24
number = "55"
summary = "О внесении изменений"

[narrative]
intro = "Вступление"
outro = "Заключение"
'''


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "2021.toml"
    shutil.copy(SEED, target)
    return target


@pytest.fixture
def write_report(tmp_path: Path):
    """Write a report text as ``reports/<name>`` in a temporary folder and return its path."""

    def write(text: str, name: str = "2021.toml") -> Path:
        folder = tmp_path / "reports"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def assert_golden(golden: Path, actual: str) -> None:
    """``actual`` must equal the golden file.  With ``KEDR_UPDATE_GOLDEN=1`` the file is
    rewritten instead and the test is skipped, never passed: review ``git diff`` then."""
    if os.environ.get("KEDR_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"{golden.name} rewritten: review the diff and run again without KEDR_UPDATE_GOLDEN")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_formula_cache():
    """Formulas are evaluated through a process-wide cache: each test computes its own
    (a value cached by an earlier test would hide what this one exercises)."""
    from kedr_tui.core.formula import evaluate

    evaluate.cache_clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def _no_real_cache(tmp_path_factory):
    """No test reads or writes the user's own cache of parsed reports (``~/.cache``): for
    the whole session it is a temporary folder, inherited by every child process (fixtures
    of a wider scope, which copy the environment first, see this one)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        patch.delenv("KEDR_TUI_NO_CACHE", raising=False)
        yield


@pytest.fixture(autouse=True)
def cache_home(tmp_path_factory, monkeypatch) -> Path:
    """Each test starts with an empty cache of parsed reports of its own (``XDG_CACHE_HOME``;
    the folder is made when the first entry is written): what one test kept never
    answers another's reading."""
    home = tmp_path_factory.getbasetemp() / "xdg-caches" / str(next(_caches))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


_caches = itertools.count()

