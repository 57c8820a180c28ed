"""Capture time and place from a photo's EXIF (for the investigator; only a summary leaves)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from PIL import Image
from tests.unit.privacy.evidence_factories import make_pdf

from netralitas.privacy.evidence_capture import capture_of


def photo(
    *, taken: str | None = None, offset: str | None = None, gps: dict[int, object] | None = None
) -> bytes:
    image = Image.new("RGB", (32, 24), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "KameraPelapor"
    if taken is not None:
        details = exif.get_ifd(0x8769)
        details[0x9003] = taken
        if offset is not None:
            details[0x9011] = offset
    if gps is not None:
        exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


SLEMAN = {1: "S", 2: (7.0, 46.0, 0.0), 3: "E", 4: (110.0, 22.0, 0.0)}


def test_time_with_offset_and_a_coarse_position() -> None:
    found = capture_of(photo(taken="2024:10:01 09:15:30", offset="+07:00", gps=SLEMAN))
    assert found is not None
    assert found.taken_at == datetime(2024, 10, 1, 9, 15, 30, tzinfo=timezone(timedelta(hours=7)))
    assert found.latitude is not None and abs(found.latitude + 7.7667) < 1e-3
    assert found.coarse == (-7.8, 110.4)


def test_time_without_offset_is_the_cameras_clock() -> None:
    found = capture_of(photo(taken="2024:10:01 09:15:30"))
    assert found is not None and found.taken_at == datetime(2024, 10, 1, 9, 15, 30)
    assert found.coarse is None


def test_nothing_to_summarise() -> None:
    assert capture_of(photo()) is None
    assert capture_of(make_pdf()) is None
    assert capture_of(b"not an image") is None
    assert capture_of(photo(taken="kemarin sore")) is None
    assert capture_of(photo(gps={1: "N", 2: (95.0, 0.0, 0.0), 3: "E", 4: (110.0, 0.0, 0.0)})) is None
