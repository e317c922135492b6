"""kedr-tui: edit, check and print the yearly report on a municipal programme."""

__version__ = "0.1.0"
