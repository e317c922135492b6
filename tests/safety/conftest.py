"""Fixtures of the safety tests; the helpers live in ``safety_helpers``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from safety_helpers import other_users, report, shared_folder  # noqa: E402,F401
