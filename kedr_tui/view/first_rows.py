"""Form 1's rows for a big report's first frame: made as they are drawn.  Pure.

A 2 000-indicator report has 2 000 rows, and the first frame at 80×24 draws about twenty
of them: making them all took 40–50 ms before that frame.  ``FirstRows`` is the list of
those rows as ``build_rows`` makes it, except that a row is made when something first
asks for it, and everything before it with it (the rows come from the same builder,
through the same memo, in the same order: ``each_indicator_row``).  Its length and its
columns' widths (``column_texts``, for ``view.columns.natural_widths``) are known without
making the rows, so the table is laid out and scrolls as it will with every row made.

Whatever reads the rows gets them right: iterating makes them all, and ``complete``
makes the rest (the view calls it before it builds rows for another state, so that the
memo sees one whole build at a time, then ``memo.done()``).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from kedr_tui.view.keys import unique_each
from kedr_tui.view.rows import Memo, State, each_indicator_row, indicator_count, indicator_texts


class FirstRows(Sequence):
    """``build_rows("indicators", state, memo, marks)``, made row by row as asked for."""

    def __init__(self, state: State, memo: Memo, marks: dict):
        self._state = state
        self._memo = memo
        self._made: list = []
        self._rest = unique_each(each_indicator_row(state, memo, marks))
        self._count = indicator_count(state)
        self._texts: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(self._count))]
        if at < 0:
            at += self._count
        if not 0 <= at < self._count:
            raise IndexError(at)
        if at >= len(self._made):
            self._made.extend(islice(self._rest, at + 1 - len(self._made)))
        return self._made[at]

    def __iter__(self):
        self.complete()
        return iter(self._made)

    @property
    def made(self) -> int:
        """How many rows are made (for tests)."""
        return len(self._made)

    def complete(self) -> list:
        """Every row made: the list ``build_rows`` would have given."""
        if self._rest is not None:
            self._made.extend(self._rest)
            self._rest = None
            self._memo.done()
        return self._made

    def column_texts(self, key: str) -> list[str]:
        """Every row's text in a content-sized column, without making the rows."""
        if self._texts is None:
            self._texts = indicator_texts(self._state)
        return self._texts[key]
