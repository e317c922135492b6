"""docs/format.md documents every field of the catalogue, with its kind and whether it is
required, and the README points there (not outside the repository)."""

import re

from kedr_tui.core.fields import CATALOGUE, DATE, INTEGER, MULTILINE, NUMBER, TEXT, BETTER
from tests.conftest import ROOT

KINDS = {TEXT: "text", MULTILINE: "multi-line", NUMBER: "number", INTEGER: "integer", DATE: "date",
         BETTER: "better"}


def test_every_field_is_in_the_format_document():
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    rows = {m.group(1): (m.group(2), m.group(3))
            for m in re.finditer(r"^\| `([a-z_.]+)` \| ([a-z-]+) \| (yes|no) \|", text, re.M)}
    for entry in CATALOGUE:
        key = entry.name if entry.section == "report" else f"{entry.section}.{entry.name}"
        assert rows.get(key) == (KINDS[entry.kind], "yes" if entry.required else "no"), key


def test_the_readme_sends_readers_to_the_repository_only():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/format.md" in readme
    assert "../" not in readme
