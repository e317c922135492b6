"""The Textual versions kedr-tui supports, and the private Textual names it relies on.

The app uses three names Textual does not promise to keep (README «Dependencies»):
``DOMNode._bindings`` (its ``key_to_bindings``) to run a key's binding as the key arrives,
``Widget._forward_event`` to hand a key typed ahead to the widget it was meant for
(kedr_tui/ui/widgets/bindnow.py, inorder.py, editor.py), and ``App._driver`` to restore the
terminal before a hard exit (kedr_tui/ui/safety/signals.py, through ``getattr``).  Hence the
narrow pin in pyproject.toml: a release outside it may drop or change them.  CI runs the
Textual-facing tests at the lowest version the pin allows as well as the newest
(.ci/run); this test says which name went missing, instead of a key that silently does
nothing.
"""

from __future__ import annotations

import inspect
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from textual.app import App
from textual.binding import Binding
from textual.widget import Widget

from tests.ui.conftest import running


def textual_pin() -> Requirement:
    """The pin in pyproject.toml (what the wheel is built from; an editable install's metadata
    keeps the pin of the day it was installed)."""
    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    return next(r for r in map(Requirement, project["project"]["dependencies"]) if r.name == "textual")


def supported() -> str:
    return f"kedr-tui supports textual{textual_pin().specifier} (Textual {version('textual')} is installed)"


def test_the_installed_textual_is_one_we_support():
    pin = textual_pin()
    assert pin.specifier.contains(version("textual")), supported()
    # the upper bound stops at the next minor release: private names may change in any
    assert any(s.operator == "<" and s.version.count(".") == 1 and not s.version.endswith(".0")
               for s in pin.specifier), f"textual{pin.specifier}: the pin must end before the next minor"


async def test_the_private_names_we_use_are_there(seed):
    assert callable(getattr(Widget, "_forward_event", None)), \
        f"Widget._forward_event is gone: {supported()}"
    params = list(inspect.signature(Widget._forward_event).parameters)
    assert params == ["self", "event"], f"Widget._forward_event{params}: {supported()}"
    async with running(seed) as (app, _pilot):
        screen = app.report_screen
        bindings = getattr(screen, "_bindings", None)
        assert bindings is not None and isinstance(getattr(bindings, "key_to_bindings", None), dict), \
            f"DOMNode._bindings.key_to_bindings is gone: {supported()}"
        assert all(isinstance(b, Binding) for found in bindings.key_to_bindings.values() for b in found), \
            supported()
        assert "ctrl+s" in bindings.key_to_bindings, f"the report screen's bindings not in _bindings: {supported()}"
        assert "_driver" in vars(app) and isinstance(app, App), f"App._driver is gone: {supported()}"
