"""A memory budget for image decodes running at once in one process.

Each decode reserves what it will hold (``decode_cost``) before decoding, and gives it back
once the derivative is made. Reservations wait while the budget is spent, so eight people
sending five large photos each are decoded a few at a time instead of all at once; one image
costing more than the whole budget runs alone. A wait longer than ``timeout`` is refused with a
message asking to send again (the report form keeps what was typed).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from netralitas.errors import ValidationError

#: Pillow keeps RGB, RGBA and CMYK pixels in four bytes. At full size a decode holds the decoded
#: image and at most one converted copy (palette or 16-bit images); at the derivative's size
#: (at most ``max_dimension`` squared) orientation, flattening and the fresh copy hold about
#: three more.
BYTES_PER_PIXEL = 4
FULL_SIZE_COPIES = 2
WORKING_COPIES = 3
DEFAULT_DECODE_BUDGET = 512 * 1024 * 1024
DEFAULT_WAIT_SECONDS = 60.0


def decode_cost(width: int, height: int, max_dimension: int) -> int:
    """Bytes one decode holds at its peak (measured: tests/unit/privacy/test_decode_budget.py)."""
    pixels = width * height
    working = min(pixels, max_dimension * max_dimension)
    return BYTES_PER_PIXEL * (pixels * FULL_SIZE_COPIES + working * WORKING_COPIES)


class DecodeBudget:
    """A counting semaphore over bytes; thread-safe."""

    def __init__(self, limit: int, *, timeout: float = DEFAULT_WAIT_SECONDS) -> None:
        if limit <= 0:
            raise ValueError("the decode budget must be positive")
        self.limit = limit
        self.timeout = timeout
        self._in_use = 0
        self._peak = 0
        self._changed = threading.Condition()

    @property
    def in_use(self) -> int:
        return self._in_use

    @property
    def peak(self) -> int:
        """The most ever reserved at once (for tests and benchmarks)."""
        return self._peak

    @contextmanager
    def reserve(self, cost: int) -> Iterator[None]:
        wanted = min(max(cost, 1), self.limit)
        with self._changed:
            room = self._changed.wait_for(lambda: self._in_use + wanted <= self.limit, self.timeout)
            if not room:
                raise busy()
            self._in_use += wanted
            self._peak = max(self._peak, self._in_use)
        try:
            yield
        finally:
            with self._changed:
                self._in_use -= wanted
                self._changed.notify_all()


def busy() -> ValidationError:
    return ValidationError(
        "Server sedang memeriksa banyak gambar sekaligus. Kirim ulang sebentar lagi; "
        "isian Anda tidak hilang.",
        message_en="The server is checking many images at once. Send again in a moment; "
        "nothing typed is lost.",
        code="evidence_busy",
    )


_SHARED: dict[int, DecodeBudget] = {}
_SHARED_LOCK = threading.Lock()


def shared_decode_budget(limit: int) -> DecodeBudget:
    """The process's budget of that size (every policy built from the same settings shares it)."""
    with _SHARED_LOCK:
        if limit not in _SHARED:
            _SHARED[limit] = DecodeBudget(limit)
        return _SHARED[limit]
