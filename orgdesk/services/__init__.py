"""Use cases: one function per user action, each inside one unit of work.

Services take an open `Database`, return plain data (dataclasses), and raise
`orgdesk.domain.errors` types the UI and CLI show as they are.
"""
