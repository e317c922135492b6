"""What the screen shows, without Textual: columns, rows, the detail text, navigation,
search, the editing rules and row operations.  The ``ui`` package draws these; tests
read them directly."""
