"""When and where a photo was taken, read from the sealed original's EXIF metadata for the
investigator (the metadata-free copy has none of it).

Only a summary leaves this module: the capture time (``DateTimeOriginal``, as the camera wrote
it, with its UTC offset when the camera recorded one) and the GPS position rounded to
``COARSE_DEGREES`` (about 11 km), never the camera make, model, serial or owner, which could
point at the reporter. Only headers are read (no pixel decoding)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from PIL import Image, UnidentifiedImageError

EXIF_IFD = 0x8769
GPS_IFD = 0x8825
DATETIME_ORIGINAL = 0x9003
OFFSET_TIME_ORIGINAL = 0x9011
#: GPS positions are rounded to a tenth of a degree (about 11 km at the equator).
COARSE_DEGREES = 0.1


@dataclass(frozen=True)
class Capture:
    #: As the camera recorded it; aware when the photo carries its UTC offset, else naive.
    taken_at: datetime | None
    #: Exact position, for naming the region only (never shown or stored).
    latitude: float | None
    longitude: float | None

    @property
    def coarse(self) -> tuple[float, float] | None:
        """The position rounded to ``COARSE_DEGREES`` (what a page may show)."""
        if self.latitude is None or self.longitude is None:
            return None
        step = COARSE_DEGREES
        return round(round(self.latitude / step) * step, 1), round(round(self.longitude / step) * step, 1)

    @property
    def empty(self) -> bool:
        return self.taken_at is None and self.latitude is None


def capture_of(data: bytes) -> Capture | None:
    """The capture summary of an image file; None for files that are not images or carry no
    capture time or position."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    found = Capture(_taken_at(exif), *_position(exif))
    return None if found.empty else found


def _taken_at(exif: Image.Exif) -> datetime | None:
    details = exif.get_ifd(EXIF_IFD)
    raw = details.get(DATETIME_ORIGINAL)
    if not isinstance(raw, str):
        return None
    try:
        moment = datetime.strptime(raw.strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = details.get(OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str) and len(offset) >= 6 and offset[0] in "+-":
        try:
            hours, minutes = int(offset[1:3]), int(offset[4:6])
        except ValueError:
            return moment
        sign = 1 if offset[0] == "+" else -1
        return moment.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    return moment


def _position(exif: Image.Exif) -> tuple[float | None, float | None]:
    gps = exif.get_ifd(GPS_IFD)
    lat, lon = _degrees(gps.get(2), gps.get(1), "S"), _degrees(gps.get(4), gps.get(3), "W")
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


def _degrees(value: object, ref: object, negative: str) -> float | None:
    if not isinstance(value, tuple) or len(value) != 3:
        return None
    try:
        degrees, minutes, seconds = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    total = degrees + minutes / 60 + seconds / 3600
    return -total if isinstance(ref, str) and ref.strip("\x00 ").upper() == negative else total
