"""Pure domain rules: no Qt, no SQLAlchemy, no storage.

Everything here is plain Python over plain values so that it can be tested in
milliseconds and reused by the GUI, the CLI and the reports alike.
"""
