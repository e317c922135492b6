"""The footer: the keys that apply now, as one line.

Textual's Footer makes a widget per key (and recomposes them all whenever the
keys change); this draws the same line as one widget: a fifth of the cost of
the first frame's widgets, for a line of text.  The keys come from the screen's
``active_bindings``, so ``check_action`` decides what is shown, as with Footer:
hidden (False) or dimmed (None); the screen's ``footer_label`` gives the
labels, which depend on its mode.  A click on a key presses it; hovering shows
its help as a tooltip.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._help: dict[str, str] = {}     # key -> tooltip, for the keys on the line
        self._enabled: dict[str, bool] = {}
        self.drawn = ""     # the line as last drawn (what the terminal shows; for tests)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        # bindings are "updated" on every focus change and tab switch: repaint only
        # when the line would differ (over SSH a footer line costs 2–3 KB)
        if screen is self.screen:
            keys = self.keys()
            if keys != getattr(self, "_shown_keys", None):
                self._shown_keys = keys
                self.refresh()

    def keys(self) -> list[tuple[str, str, str, bool, str]]:
        """(key, key as shown, description, enabled, help) of each key on the line."""
        out, actions = [], set()
        label_of = getattr(self.screen, "footer_label", None)
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.action in actions:
                continue
            label = label_of(binding) if label_of else (binding.description if binding.show else None)
            if not label:
                continue
            actions.add(binding.action)
            out.append((binding.key, self.app.get_key_display(binding), label, enabled,
                        tooltip or binding.tooltip or label))
        return out

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        dim = Style(dim=True)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        self._help, self._enabled = {}, {}
        for key, shown, description, enabled, help_text in self.keys():
            place = Style.from_meta({"key": key})
            extra = place if enabled else dim + place
            line.append(shown, key_style + extra)
            line.append(f" {description}", description_style + extra)
            line.append(" ")
            self._help[key], self._enabled[key] = help_text, enabled
        self.drawn = line.plain
        return line

    def _key_at(self, event: events.MouseEvent) -> str | None:
        return event.style.meta.get("key")

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event)
        if key is None:
            return
        if self._enabled.get(key):
            self.app.simulate_key(key.split(",")[0])
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event)
        self.tooltip = self._help.get(key) if key else None
