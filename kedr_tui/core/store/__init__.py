"""All file I/O of reports: read, write atomically, lock, journal.

Everything the rest of the program needs is importable from here
(``from kedr_tui.core.store import read_report, save``); each submodule has one job:

- ``report``  — read and parse a file, save it (the analysis is above the store:
  ``core.loading`` reads a report and analyses it);
- ``writeback`` — put edits back into the text read, so that it reads as written by hand;
- ``atomic``  — replace a file atomically, clean what a killed save left;
- ``changes`` — notice that the file changed on disk since it was read;
- ``lock``    — one writer per report, and who that is;
- ``journal`` — every committed edit on disk, and what a leftover journal would change;
- ``shared``  — modes and group of the files beside a report.
"""

from kedr_tui.core.store.atomic import (  # noqa: F401
    backup_path,
    clean_temporaries,
    temporaries,
    write_atomic,
    write_error,
)
from kedr_tui.core.store.changes import FileChangedError, check_unchanged  # noqa: F401
from kedr_tui.core.store.journal import (  # noqa: F401
    DAMAGED,
    MATCH,
    MISMATCH,
    SAVED,
    Journal,
    JournalInfo,
    journal_path,
    journal_warning,
    remove_journal,
)
from kedr_tui.core.store.lock import EditLock, LockHeld, Owner, lock_path, owner_path  # noqa: F401
from kedr_tui.core.store.report import (  # noqa: F401
    MAX_BYTES,
    ReportFile,
    Stamp,
    decode,
    file_year,
    previous_facts,
    read_bytes,
    read_report,
    render,
    report_file,
    save,
    sha256_of,
    stamp_of,
    write_text,
)
