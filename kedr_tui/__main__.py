from kedr_tui.cli import main

raise SystemExit(main())
