"""All file I/O of reports: read, write atomically, lock, journal.

Everything the rest of the program needs is importable from here
(``from kedr_tui.core.store import load, save``); the submodules each have one job.
"""

from kedr_tui.core.store.report import (  # noqa: F401
    MAX_BYTES,
    Loaded,
    Stamp,
    decode,
    file_year,
    from_text,
    load,
    previous_facts,
    read_bytes,
    render,
    save,
    stamp_of,
    write_atomic,
)
