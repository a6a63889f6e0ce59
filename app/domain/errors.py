"""Expected failures: a rule forbids the action, or the input is invalid.

Each carries a message for the person at the workstation that names the
record and says what to do. Anything else that is raised is a bug.
"""


class TandemError(Exception):
    """Base of every expected failure; ``str(error)`` is the user's message."""


class InvalidInput(TandemError):
    """A value typed or imported is not acceptable."""


class NotFound(TandemError):
    """A number, SKU or name does not exist."""


class RuleViolation(TandemError):
    """A domain rule forbids the action in the record's current state."""


class PermissionDenied(TandemError):
    """The acting user's role may not do this."""


class StaleEdit(TandemError):
    """Someone else changed the record since it was read."""


class DatabaseBusy(TandemError):
    """The database is locked by another workstation or is read-only."""


class DocumentNotWritten(TandemError):
    """A PDF could not be written: the folder is missing, read-only or full."""
