"""Where presentation lives: the ``styles/`` folder, in a checkout or inside the wheel."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from kedr_tui.core.errors import ReportError
from kedr_tui.export import wording as xw

_PACKAGED = Path(__file__).resolve().parent / "styles"
_CHECKOUT = Path(__file__).resolve().parent.parent / "styles"


class StyleError(ReportError):
    """A style file that is missing or malformed (exit 2)."""


def styles_dir() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


def style_path(name: str) -> Path:
    return styles_dir() / name


@cache
def load_style(name: str) -> dict:
    """A ``styles/*.toml`` file as a dict; StyleError names the file when it can't be read."""
    from kedr_tui.core.store.regular import STYLE_LIMIT, UnreadableFile, read_regular

    path = style_path(name)
    try:
        return tomllib.loads(read_regular(path, STYLE_LIMIT, xw.STYLE_FILE)[0].decode("utf-8"))
    except UnreadableFile as exc:
        raise StyleError(str(path), xw.STYLE_NOT_FOUND if exc.missing else exc.message) from None
    except UnicodeDecodeError:
        raise StyleError(str(path), xw.STYLE_NOT_UTF8) from None
    except tomllib.TOMLDecodeError as exc:
        raise StyleError(str(path), xw.style_error(exc)) from None
    except RecursionError:
        raise StyleError(str(path), xw.STYLE_TOO_DEEP) from None


def style_value(name: str, *keys: str, kind: type | tuple[type, ...] = (int, float, str, list, dict)):
    """One value of a style file, e.g. ``style_value("pdf.toml", "font", "size")``."""
    node = load_style(name)
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            raise StyleError(str(style_path(name)), xw.style_key_missing('.'.join(keys)))
        node = node[key]
    if not isinstance(node, kind) or isinstance(node, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise StyleError(str(style_path(name)), xw.style_key_wrong_type('.'.join(keys)))
    return node
