"""The hostile corpus: reports, journals and lock notes made by an adversary (issue 11)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "safety"))
