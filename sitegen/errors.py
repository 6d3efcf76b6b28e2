"""The one error a build step raises: what is wrong and where (page, line), for the person editing the sources."""


class BuildError(Exception):
    """A source the build cannot turn into a page: the message names the file (and line) and what to fix."""
