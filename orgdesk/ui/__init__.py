"""Qt widgets, table models and dialogs.  Calls services; never touches SQL."""
