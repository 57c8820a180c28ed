from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas.identifiers.links import normalise_link
from netralitas.identifiers.names import normalise_person_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Drs. H. Ahmad Yani, M.Si.", "ahmad yani"),
        ("Hj. Siti Aminah, S.Pd., M.Pd.", "siti aminah"),
        ("Prof. Dr. Ir. Bambang Sutejo, M.T.", "bambang sutejo"),
        ("dr. Rina Marlina Sp.PD", "rina marlina"),
        ("H.Abdul Rahman SH MH", "abdul rahman"),
        ("K.H. Ma'ruf", "maruf"),
        ("Moh. Ridwan, S.Kom", "muhammad ridwan"),
        ("MUHAMAD  RIDWAN", "muhammad ridwan"),
        ("Nyoman Suardana, A.Md.", "nyoman suardana"),
        ("Raden Ajeng Kartini", "raden ajeng kartini"),
        ("Andi Hasanuddin", "andi hasanuddin"),
        ("Zoë Hartono", "zoe hartono"),
        ("Drs.", ""),
        ("Drs.Budi Santoso S.H.I.", "budi santoso"),
        ("Moh.Ridwan", "muhammad ridwan"),
    ],
)
def test_indonesian_titles_removed(raw: str, expected: str) -> None:
    assert normalise_person_name(raw) == expected


@given(st.text(max_size=60))
def test_name_normalisation_is_idempotent_and_plain(raw: str) -> None:
    once = normalise_person_name(raw)
    assert normalise_person_name(once) == once
    assert all(ch.islower() or ch == " " for ch in once)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "https://m.facebook.com/story.php?story_fbid=123&id=456&mibextid=Nif5oz",
            "http://www.facebook.com/story.php?id=456&story_fbid=123#comments",
        ),
        (
            "https://web.facebook.com/groups/1/posts/2/?__cft__[0]=AZX&__tn__=R",
            "facebook.com/groups/1/posts/2",
        ),
        (
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.detik.com%2Fberita%2F1%3Futm_source%3Dfb&h=AT0",
            "https://detik.com/berita/1",
        ),
        ("https://twitter.com/bupati/status/99?s=20&t=abc", "https://x.com/bupati/status/99"),
        ("https://mobile.twitter.com/bupati/status/99", "x.com/bupati/status/99/"),
        ("https://youtu.be/dQw4w9WgXcQ?si=xyz", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share"),
        ("https://youtube.com/shorts/dQw4w9WgXcQ", "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=30s"),
        ("https://www.instagram.com/p/Cabc/?igsh=MWx&utm_source=ig_web", "instagr.am/p/Cabc"),
        ("HTTPS://WWW.Example.go.id:443//a//b/", "example.go.id/a/b"),
        ("https://www.tiktok.com/@asn/video/7?is_from_webapp=1&sender_device=pc", "tiktok.com/@asn/video/7"),
        ("https://example.id/berita%20baru/", "example.id/berita baru"),
    ],
)
def test_same_post_same_key(a: str, b: str) -> None:
    assert normalise_link(a) == normalise_link(b) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "https://facebook.com/story.php?story_fbid=1&id=2",
            "https://facebook.com/story.php?story_fbid=1&id=3",
        ),
        ("https://youtube.com/watch?v=aaa", "https://youtube.com/watch?v=bbb"),
        ("https://example.com/Berita", "https://example.com/berita"),
        ("https://web.example.go.id/a", "https://example.go.id/a"),
    ],
)
def test_different_posts_keep_different_keys(a: str, b: str) -> None:
    assert normalise_link(a) != normalise_link(b)


@pytest.mark.parametrize(
    "bad", ["", "   ", "javascript:alert(1)", "mailto:a@b.id", "ftp://x.id/a", "https://"]
)
def test_non_web_links_have_no_key(bad: str) -> None:
    assert normalise_link(bad) is None


url_parts = st.sampled_from(
    ["https://", "http://", "www.", "m.", "facebook.com", "x.com", "/", "?", "&", "=", "utm_source", "a",
     "@", ":", "#", ".", "%20", " ", "\x0c", "l.facebook.com/l.php?u=", "youtu.be/", "ü", "-", "80"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.text(max_size=80) | st.lists(url_parts, max_size=12).map("".join))
def test_link_normalisation_never_crashes_and_is_idempotent(raw: str) -> None:
    key = normalise_link(raw)
    if key is not None:
        assert normalise_link(key) == key
