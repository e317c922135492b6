from kedr_tui.cli import run

raise SystemExit(run())
