"""Command line: every subcommand is a module with `register(subparsers)`.

Subcommands that open no window never import Qt.
"""
