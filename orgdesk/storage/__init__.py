"""Storage: SQLAlchemy tables, unit of work, migrations, backups.

Never imports Qt and never shows a dialog: it raises typed errors whose
messages are Chinese, and the UI decides how to show them.
"""
