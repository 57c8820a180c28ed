"""Link normalisation, so two reports of the same post share a key.

``https://m.facebook.com/story.php?story_fbid=1&id=2&mibextid=xyz`` and
``http://www.facebook.com/story.php?id=2&story_fbid=1`` both become
``facebook.com/story.php?id=2&story_fbid=1``. Scheme, ``www``/mobile hosts, tracking
parameters, fragments and trailing slashes are dropped; known redirect wrappers are unwrapped;
short YouTube links are expanded. Links that need the network to resolve (``vm.tiktok.com``,
``bit.ly``) are kept as they are.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

_HOST_PREFIXES = ("www.", "m.", "mobile.")
_FACEBOOK_PREFIXES = ("web.", "touch.", "mbasic.", "lite.", "free.", "d.")
_HOST_ALIASES = {
    "fb.com": "facebook.com",
    "fb.watch": "fb.watch",
    "twitter.com": "x.com",
    "instagr.am": "instagram.com",
    "youtube-nocookie.com": "youtube.com",
}
_TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "yclid", "ttclid", "msclkid", "igshid", "igsh",
        "mibextid", "si", "feature", "ref", "ref_src", "ref_url", "rdid", "share_url", "sfnsn", "_rdr",
        "mc_cid", "mc_eid", "wtsid", "is_from_webapp", "sender_device", "sender_web_id", "_t", "_r",
        "app", "from", "pp", "sh", "share_id", "share_app_id", "__tn__", "__cft__[0]", "paipv",
        "eav", "notif_id", "notif_t", "ref_component", "ref_page", "context",
    }
)  # fmt: skip
_HOST_SPECIFIC_TRACKING = {"x.com": frozenset({"s", "t"}), "youtube.com": frozenset({"t"})}
_REDIRECTS = {
    ("l.facebook.com", "/l.php"): "u",
    ("lm.facebook.com", "/l.php"): "u",
    ("google.com", "/url"): "q",
}
_SCHEME = re.compile(r"^[a-z][a-z0-9+-]*:(?!\d)", re.IGNORECASE)
_MULTI_SLASH = re.compile(r"/{2,}")
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_HOSTNAME = re.compile(r"[^\W_]([\w-]*[^\W_])?(\.[^\W_]([\w-]*[^\W_])?)*")


def _host(hostname: str, port: int | None) -> str | None:
    host = hostname.lower().rstrip(".")
    if not _HOSTNAME.fullmatch(host):
        return None
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    changed = True
    while changed:
        changed = False
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix) and host.count(".") >= 2:
                host, changed = host[len(prefix) :], True
    for prefix in _FACEBOOK_PREFIXES:
        if host == prefix + "facebook.com":
            host = "facebook.com"
    return _HOST_ALIASES.get(host, host)


def _is_tracking(host: str, key: str) -> bool:
    lowered = key.lower()
    return (
        lowered.startswith("utm_")
        or lowered in _TRACKING_PARAMS
        or lowered.startswith("__cft__")
        or lowered in _HOST_SPECIFIC_TRACKING.get(host, frozenset())
    )


def _youtube(host: str, path: str, params: list[tuple[str, str]]) -> tuple[str, str, list[tuple[str, str]]]:
    if host == "youtu.be" and path.strip("/"):
        return "youtube.com", "/watch", [("v", path.strip("/").split("/")[0]), *params]
    if host == "youtube.com" and path.startswith(("/shorts/", "/live/", "/embed/")):
        return "youtube.com", "/watch", [("v", path.split("/")[2]), *params]
    return host, path, params


def is_web_link(link: str) -> bool:
    """An http(s) address with a host, at most 2,000 characters: the only kind of link a report keeps
    (and the only kind shown as a link to officers)."""
    parts = urlsplit(link)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and len(link) <= 2000


def normalise_link(url: str, *, _depth: int = 0) -> str | None:
    """Matching key of a web link (``host/path?sorted-query``), or ``None`` if it is not http(s)."""
    text = url.strip()
    if not text:
        return None
    if not _SCHEME.match(text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = _host(parts.hostname or "", parts.port)
    except ValueError:  # e.g. a malformed IPv6 host or port
        return None
    if parts.scheme.lower() not in ("http", "https") or host is None:
        return None
    params = parse_qsl(parts.query, keep_blank_values=True)
    target = dict(params).get(_REDIRECTS.get((host, parts.path), ""))
    if target:  # a redirect wrapper is never a key itself: unwrap it (a few levels) or give up
        return normalise_link(target, _depth=_depth + 1) if _depth < 3 else None
    path = _MULTI_SLASH.sub("/", quote(unquote(parts.path), safe=_PATH_SAFE)).rstrip("/")
    host, path, params = _youtube(host, path, params)
    kept = sorted((k, v) for k, v in params if not _is_tracking(host, k))
    query = f"?{urlencode(kept)}" if kept else ""
    return f"{host}{path}{query}"


def link_keys(links: tuple[str, ...]) -> set[str]:
    """The matching keys of a report's links (what duplicate detection compares)."""
    return {key for key in map(normalise_link, links) if key}
