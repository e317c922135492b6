"""A save's text made in a forked child, so that the app keeps the interpreter.

A save that adds, removes or moves rows puts the edits back into the text with tomlkit,
which parses the whole file: 2.7 s on a 1 MB report on a loaded machine, all of it in
Python holding the GIL, so a worker thread doing it starved the app's own thread and
keys waited up to 0.6 s.  A forked child has the report and the text already (copy on
write: nothing is pickled), makes the text, sends it back through a pipe and ends; the
worker thread waits on the pipe without the GIL.  Where a fork is not possible, or the
child fails, the text is made here as before: the result is the same either way.
"""

from __future__ import annotations

import os
import signal

from kedr_tui.core.model import Report
from kedr_tui.core.store.writeback import render

# Below this the text is made in this process: tomlkit takes under 0.1 s on it.
APART_FROM = 200_000


def render_apart(report: Report, base_text: str, base: Report | None, *,
                 at_least: int = APART_FROM) -> str:
    """``render(report, base_text, base)``, made in a forked child for a big text."""
    if len(base_text) < at_least or not hasattr(os, "fork"):
        return render(report, base_text, base)
    try:
        receive, send = os.pipe()
        pid = os.fork()
    except OSError:                     # no memory or no processes left for a fork
        return render(report, base_text, base)
    if pid == 0:                        # the child: os._exit, so nothing of the app's is flushed
        code = 1
        try:
            os.close(receive)
            for name in ("SIGHUP", "SIGTERM", "SIGINT"):    # the app's handlers are not ours
                signal.signal(getattr(signal, name), signal.SIG_DFL)
            data = memoryview(render(report, base_text, base).encode("utf-8"))
            while data:
                data = data[os.write(send, data):]
            code = 0
        finally:
            os._exit(code)
    os.close(send)
    pieces = []
    try:
        while piece := os.read(receive, 1 << 20):
            pieces.append(piece)
    finally:
        os.close(receive)
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:     # the child failed: do it here
        return render(report, base_text, base)
    return b"".join(pieces).decode("utf-8")
