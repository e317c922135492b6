"""A key's binding run as the key arrives (see ``inorder.py``).

Apart from ``inorder.py`` so the report screen can use it without importing the dialogs'
widgets (TextArea and the rest) on the way to the first frame.
"""

from __future__ import annotations

from textual import events


async def bind_now(event: events.Key, nodes) -> bool:
    """Run the key's binding on the first of ``nodes`` that has one, now, as the key arrives
    (not the priority ones, which the app ran as it read the key); True when one ran."""
    for node in nodes:
        for binding in node._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await node.app.run_action(binding.action, node):
                event.stop()
                event.prevent_default()
                return True
    return False
