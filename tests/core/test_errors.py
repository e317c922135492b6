"""One family of errors: every exception the program defines derives from KedrError, which
carries the exit code, and ``main`` turns any of them into one Russian line and that code."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import kedr_tui
from kedr_tui import cli
from kedr_tui.core.errors import EditError, KedrError, ReportError


def defined_exceptions():
    for info in pkgutil.walk_packages(kedr_tui.__path__, "kedr_tui."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__ == module.__name__:
                yield obj


def test_every_error_of_the_program_is_of_the_family():
    found = set(defined_exceptions())
    assert {ReportError, EditError} <= found and len(found) >= 10
    strays = sorted(cls.__qualname__ for cls in found if not issubclass(cls, KedrError))
    assert strays == []


def test_exit_codes_say_what_kind_of_failure_it_was():
    assert ReportError("r.toml", "не читается").exit_code == 2        # unusable input
    assert EditError("нельзя").exit_code == 1
    assert KedrError("что-то не так", exit_code=2).exit_code == 2
    assert str(KedrError("сообщение")) == "сообщение"


def test_main_turns_any_error_of_the_family_into_its_exit_code(monkeypatch, capsys):
    def fail(_args):
        raise EditError("правка отклонена")

    monkeypatch.setattr(cli, "cmd_open", fail)
    monkeypatch.setattr(cli, "_open_parser", lambda: type("P", (), {"parse_args": lambda s, a: a})())
    assert cli.main(["x.toml"]) == 1
    out = capsys.readouterr()
    assert "правка отклонена" in out.err and "Traceback" not in out.err
