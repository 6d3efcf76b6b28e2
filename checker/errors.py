"""The one kind of error a user may see: which field is wrong, and why."""


class CheckerError(ValueError):
    """Bad input, named by its field, so that the CLI and the page can say exactly what to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
