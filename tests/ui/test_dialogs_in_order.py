"""Every dialog closes once and takes a burst of keys in order (kedr_tui/ui/widgets/inorder.py).

A dialog built on Textual's plain Button, Input, TextArea or OptionList does a burst of keys
out of order and can be closed twice (the second Enter closing the screen under it); the
tests of the dialogs we have cannot see the next one.  This walks kedr_tui/ui: every screen
pushed over the report is a ``ClosesOnce``, and every input widget created in its class (or
in the dialog classes it builds on) is one of the key-ordered ones.  (A widget made by a
helper function outside the class is not seen: dialogs compose their widgets themselves.)
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap

import kedr_tui.ui
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import (Button, Checkbox, Input, ListView, OptionList, RadioButton, RadioSet, Select,
                             Switch, TextArea)

from kedr_tui.ui.screen import ReportScreen
from kedr_tui.ui.widgets.inorder import ClosesOnce, DialogButton, DialogOptions, TextEditor, TextInput

# widgets a person types into or chooses with: each has a key-ordered counterpart, or has none
# yet and must not appear in a dialog until it has one.  Not a DataTable (or a Tree): all its
# keys are bindings, done in the order they came (the meeting view's table, tested in
# test_review_meeting.py with «Down v Down» and «Enter Down» in one read)
INPUTS = (Button, Input, TextArea, OptionList, Select, Checkbox, RadioButton, RadioSet, Switch,
          ListView)
IN_ORDER = (DialogButton, DialogOptions, TextEditor, TextInput)


def screens() -> list[type[Screen]]:
    """Every screen class of kedr_tui/ui but the report screen (the one never closed)."""
    found = []
    for info in pkgutil.walk_packages(kedr_tui.ui.__path__, "kedr_tui.ui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if (inspect.isclass(cls) and cls.__module__ == module.__name__
                    and issubclass(cls, Screen) and cls is not ReportScreen):
                found.append(cls)
    return found


def widgets_created(cls: type) -> list[tuple[str, type]]:
    """(the call's text, the class) for every widget class called in ``cls``'s own body."""
    module = importlib.import_module(cls.__module__)
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    made = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        try:
            callee = eval(compile(ast.Expression(node.func), "<callee>", "eval"), vars(module))  # noqa: S307
        except Exception:  # noqa: BLE001 - self.method(...), a local name: not a class
            continue
        if inspect.isclass(callee) and issubclass(callee, Widget):
            made.append((ast.unparse(node.func), callee))
    return made


def test_the_walk_finds_the_dialogs():
    names = {cls.__name__ for cls in screens()}
    assert {"ConfirmDialog", "QuitDialog", "FieldEditor", "ChoiceEditor", "FieldPicker", "HelpScreen",
            "RecoveryScreen", "ConflictScreen", "LockHeldScreen", "SearchBar", "PromptBar", "RowCard",
            "MeetingView"} <= names
    made = {callee for cls in screens() for _text, callee in widgets_created(cls)}
    assert set(IN_ORDER) <= made             # the walk sees the widgets a dialog composes


def test_every_dialog_closes_once():
    for cls in screens():
        assert issubclass(cls, ClosesOnce), \
            f"{cls.__module__}.{cls.__name__}: a screen over the report must be a ClosesOnce"
        mro = cls.__mro__
        assert mro.index(ClosesOnce) < mro.index(Screen), \
            f"{cls.__name__}: ClosesOnce must come before {Screen.__name__} in its bases"
    assert any(issubclass(cls, ModalScreen) for cls in screens())


def test_every_input_of_a_dialog_takes_keys_in_order():
    for cls in screens():
        for klass in [k for k in cls.__mro__ if k.__module__.startswith("kedr_tui.")]:
            for text, callee in widgets_created(klass):
                if issubclass(callee, INPUTS):
                    assert issubclass(callee, IN_ORDER), (
                        f"{klass.__module__}.{klass.__name__} creates {text}(…): a dialog's inputs are "
                        f"{', '.join(k.__name__ for k in IN_ORDER)} (kedr_tui/ui/widgets/inorder.py)")
