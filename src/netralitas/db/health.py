"""Is the database there? The errors that mean "unreachable or overloaded, try again later",
and the checks ``/readyz`` and ``serve`` use."""

from __future__ import annotations

from sqlalchemy import Engine, exc, text

#: Errors that mean the database cannot be reached (or is too busy) right now: the web app
#: answers 503 with ``Retry-After`` for them, never 500. SQLite's "database is locked" is an
#: ``OperationalError`` too, and a retry is the right advice for it as well.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError)


#: The classes the web app inspects (``is_unavailable`` decides; the rest stay 500s).
HANDLED_ERRORS: tuple[type[Exception], ...] = (exc.DBAPIError, exc.TimeoutError)


def is_unavailable(error: BaseException) -> bool:
    """True for a failure to reach the database (also when wrapped in another exception)."""
    seen: BaseException | None = error
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, UNAVAILABLE_ERRORS):
            return True
        if isinstance(seen, exc.DBAPIError) and seen.connection_invalidated:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def ping(engine: Engine) -> str | None:
    """None when ``SELECT 1`` answers; otherwise one line saying why (no traceback, no password)."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:  # any failure is the answer, as one line
        return describe(error)
    return None


def describe(error: BaseException) -> str:
    """The first line of the driver's message, without the SQLAlchemy footer."""
    original = getattr(error, "orig", None) or error
    first = (str(original).strip().splitlines() or [type(original).__name__])[0]
    return first[:300]
