"""Marks user-visible strings outside the Qt layer for later translation."""


def _(message: str) -> str:
    """Return ``message`` translated; an identity until a catalog is loaded."""
    return message
