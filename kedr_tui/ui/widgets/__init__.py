"""Widgets of the report screen."""
