"""Domain errors: a stable code and an Indonesian message; no HTTP status codes here.

Adapters (web, cli) map ``DomainError.code`` to their own responses in one table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class DomainError(Exception):
    """Base of every expected, user-facing error.

    ``code`` is stable (used by API clients and tests); ``message`` is Indonesian and ready
    to show; ``message_en`` is the English fallback; ``details`` carries structured data
    (e.g. the allowed values or the field that failed).
    """

    code: str = "domain_error"

    def __init__(
        self,
        message: str,
        *,
        message_en: str | None = None,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.message_en = message_en or message
        self.details: dict[str, Any] = dict(details or {})

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "message_en": self.message_en,
            "details": self.details,
        }


class ValidationError(DomainError):
    """Input does not satisfy the use case's rules (a field, a value, a shape)."""

    code = "validation_error"


class NotFoundError(DomainError):
    code = "not_found"


class PermissionDeniedError(DomainError):
    """The actor's role or scope (region, agency) does not allow this action."""

    code = "permission_denied"


class ConflictError(DomainError):
    """A stale update (version mismatch) or a state that no longer allows the action."""

    code = "conflict"


class TransitionNotAllowedError(DomainError):
    code = "transition_not_allowed"


class CatalogueError(DomainError):
    """The legal catalogue on disk is invalid; ``details['file']`` names the file."""

    code = "catalogue_error"


class RateLimitedError(DomainError):
    code = "rate_limited"
