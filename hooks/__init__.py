"""The handbook's MkDocs hooks live in the `handbook` package; mkdocs.yml loads `hooks/handbook/events.py`."""
