"""Media monitoring services on SQLite and PostgreSQL: upload, background screening by chunks under
a claim, scope like the case lists, filters, and the audit of every upload, list, view and export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from netralitas.cases.roles import Actor, Role
from netralitas.clock import FixedClock
from netralitas.config import Settings
from netralitas.db.monitoring_repositories import monitoring_uow_factory
from netralitas.db.uow import SqlUnitOfWork
from netralitas.errors import PermissionDeniedError, ValidationError
from netralitas.monitoring import service
from netralitas.monitoring.ports import MonitoringUnitOfWork
from netralitas.monitoring.records import BatchStatus, PostFilter

INTAKE = Actor("u-intake", "intake", Role.INTAKE_OFFICER, "34")
JATENG = Actor("u-jateng", "intake_jateng", Role.INTAKE_OFFICER, "33")
PPK = Actor("u-ppk", "ppk", Role.PPK, "34.04", "pemda-34.04")
CLOCK = FixedClock(datetime(2024, 10, 7, 3, 0, tzinfo=UTC))

UPLOAD = (
    b"text,url,posted_at,author,region\n"
    b"Camat pasang spanduk caleg di kantor,https://fb.com/p/1,2024-10-01,@a,34.04\n"
    b"Kepala dinas ajak warga pilih paslon 2,,2024-10-02,@b,34.71\n"
    b"Jadwal posyandu minggu depan,,2024-10-03,@c,34.04\n"
    b"Di luar wilayah,,2024-10-03,@d,33.74\n"
    b"Lurah bagi sembako bergambar calon,https://x.com/s/2,,,\n"
)


@dataclass(frozen=True)
class Outcome:
    labels: list[str]
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return self.data


#: (text, kind) of every call of ``fake_screener``.
SEEN_KINDS: list[tuple[str, str | None]] = []


def fake_screener(
    text: str, on: date | None, election: str | None, employee: str | None, *, kind: str | None = None
) -> Outcome:
    """Labels by keyword, with the word as evidence (offsets into the text)."""
    SEEN_KINDS.append((text, kind))
    rules = {
        "spanduk": ("campaign_props", 0.95),
        "pilih": ("call_to_vote", 0.6),
        "sembako": ("giving_goods", 0.8),
    }
    if "meledak" in text:
        raise RuntimeError("screener broke")
    behaviours = []
    for word, (label, confidence) in rules.items():
        at = text.find(word)
        if at >= 0:
            span = {"start": at, "end": at + len(word), "text": word}
            behaviours.append(
                {"label": label, "confidence": confidence, "source": "lexicon", "evidence": [span]}
            )
    return Outcome([b["label"] for b in behaviours], {"behaviours": behaviours})


@pytest.fixture
def make_uow(engine: Engine) -> Callable[[], MonitoringUnitOfWork]:
    return monitoring_uow_factory(engine)


def _actions(engine: Engine) -> list[str]:
    with SqlUnitOfWork(engine) as uow:
        return [e.action for e in uow.audit.iter_all()]


def test_upload_screen_view_export_in_scope_and_audited(
    engine: Engine, make_uow: Callable[[], MonitoringUnitOfWork]
) -> None:
    batch, parsed = service.upload_batch(make_uow, CLOCK, INTAKE, "pantau.csv", UPLOAD)
    assert batch.status is BatchStatus.QUEUED and batch.total == 4
    assert [p.line for p in parsed.problems] == [5] and "di luar wilayah Anda" in parsed.problems[0].message
    assert service.needs_worker(batch, CLOCK.now())

    done = service.run_batch(make_uow, CLOCK, fake_screener, batch.id, chunk=3)
    assert done == 4
    assert service.run_batch(make_uow, CLOCK, fake_screener, batch.id) == 0  # finished: nothing twice
    view = service.view_batch(make_uow, CLOCK, INTAKE, batch.id, PostFilter())
    assert view.batch.status is BatchStatus.DONE and view.batch.screened == 4 and view.batch.flagged == 3
    assert [p.line for p in view.posts] == [2, 3, 6] and view.total == 3
    assert view.labels == {"call_to_vote": 1, "campaign_props": 1, "giving_goods": 1}
    assert view.posts[0].labels == ["campaign_props"] and view.posts[0].confidence == 0.95
    assert view.batch.problems[0]["line"] == 5

    every = service.view_batch(make_uow, CLOCK, INTAKE, batch.id, PostFilter(flagged_only=False))
    assert every.total == 4
    by_label = service.view_batch(make_uow, CLOCK, INTAKE, batch.id, PostFilter(label="giving_goods"))
    assert [p.line for p in by_label.posts] == [6]
    confident = service.view_batch(make_uow, CLOCK, INTAKE, batch.id, PostFilter(min_confidence=0.7))
    assert [p.line for p in confident.posts] == [2, 6]
    region = service.view_batch(make_uow, CLOCK, INTAKE, batch.id, PostFilter(region_prefix="34.71"))
    assert [p.line for p in region.posts] == [3]
    exported = service.export_batch(make_uow, CLOCK, INTAKE, batch.id, PostFilter(limit=1))
    assert len(exported.posts) == 3  # the export is not paged

    assert [b.id for b in service.list_batches(make_uow, CLOCK, INTAKE)[0]] == [batch.id]
    assert service.list_batches(make_uow, CLOCK, JATENG) == ([], 0)
    with pytest.raises(PermissionDeniedError):
        service.view_batch(make_uow, CLOCK, JATENG, batch.id, PostFilter())
    with pytest.raises(PermissionDeniedError):
        service.export_batch(make_uow, CLOCK, JATENG, batch.id, PostFilter())
    with pytest.raises(PermissionDeniedError):
        service.upload_batch(make_uow, CLOCK, PPK, "x.csv", UPLOAD)

    _batch, post = service.read_post(make_uow, CLOCK, INTAKE, batch.id, 1)
    form = service.case_form(batch, post)
    assert form["links"] == "https://fb.com/p/1" and form["act_on"] == "2024-10-01"
    assert form["region_code"] == "34.04" and form["description"].startswith("Camat pasang spanduk")
    service.link_case(make_uow, CLOCK, INTAKE, batch.id, 1, "case-1")
    assert service.read_post(make_uow, CLOCK, INTAKE, batch.id, 1)[1].case_id == "case-1"

    actions = _actions(engine)
    done = ("uploaded", "screened", "viewed", "exported", "listed", "denied", "post_viewed", "case_opened")
    expected = {f"monitoring.{what}" for what in done}
    assert expected <= set(actions)


def test_a_claimed_batch_is_not_screened_twice_and_a_failing_post_is_marked_for_reading(
    make_uow: Callable[[], MonitoringUnitOfWork],
) -> None:
    data = b"text\nsatu spanduk\nini meledak\ntiga\n"
    batch, _ = service.upload_batch(make_uow, CLOCK, INTAKE, "a.csv", data)
    with make_uow() as uow:
        assert uow.batches.claim(batch.id, CLOCK.now(), CLOCK.now() - service.LEASE)
        uow.commit()
    assert service.run_batch(make_uow, CLOCK, fake_screener, batch.id) == 0  # another worker holds it
    with make_uow() as uow:
        assert uow.batches.unfinished() == [batch.id]
    later = FixedClock(CLOCK.now() + service.LEASE * 2)  # that worker died: its lease ran out
    assert service.run_batch(make_uow, later, fake_screener, batch.id) == 3
    view = service.view_batch(make_uow, later, INTAKE, batch.id, PostFilter())
    assert [(p.line, p.needs_reading) for p in view.posts] == [(2, False), (3, True)]
    assert "penyaringan gagal" in view.posts[1].result["warnings"][0]


def test_unknown_election_is_refused_with_the_field(make_uow: Callable[[], MonitoringUnitOfWork]) -> None:
    with pytest.raises(ValidationError) as caught:
        service.upload_batch(make_uow, CLOCK, INTAKE, "a.csv", UPLOAD, election_id="pemilu-1999",
                             known_elections={"pilkada-2024": object()})  # fmt: skip
    assert "election_id" in caught.value.details["fields"]


def test_the_queue_runner_hands_batches_to_huey_and_the_web_runner_to_a_thread(
    make_uow: Callable[[], MonitoringUnitOfWork], tmp_path: Path
) -> None:
    from netralitas.sending.monitoring_jobs import MonitorJobs, build_monitoring_huey
    from netralitas.sending.settings import SendingSettings

    settings = Settings(data_dir=tmp_path / "var")
    huey = build_monitoring_huey(settings, SendingSettings(queue_url=""))
    queued = MonitorJobs(make_uow, CLOCK, fake_screener, "queue", huey)
    first, _ = service.upload_batch(make_uow, CLOCK, INTAKE, "a.csv", b"text\nspanduk\nbiasa\n")
    queued.submit(first.id)
    with make_uow() as uow:
        assert uow.batches.get(first.id).status is BatchStatus.QUEUED  # type: ignore[union-attr]
    assert queued.drain() == 1
    second, _ = service.upload_batch(make_uow, CLOCK, INTAKE, "b.csv", b"text\nsembako\n")
    assert queued.resume() == 1 and queued.drain() == 1  # after a restart: handed over again
    threaded = MonitorJobs(make_uow, CLOCK, fake_screener)
    third, _ = service.upload_batch(make_uow, CLOCK, INTAKE, "c.csv", b"text\npilih\n")
    threaded.submit(third.id)
    threaded.wait()
    with make_uow() as uow:
        found = [uow.batches.get(b.id) for b in (first, second, third)]
    assert [(b.status, b.screened, b.flagged) for b in found if b] == [
        (BatchStatus.DONE, 2, 1), (BatchStatus.DONE, 1, 1), (BatchStatus.DONE, 1, 1)
    ]  # fmt: skip
    with pytest.raises(ValueError, match="MONITORING_RUNNER"):
        MonitorJobs(make_uow, CLOCK, fake_screener, "cron")


def _at(days_ago: int) -> FixedClock:
    return FixedClock(CLOCK.now() - timedelta(days=days_ago))


def test_the_kind_is_stored_filtered_and_shown_with_each_post(
    make_uow: Callable[[], MonitoringUnitOfWork],
) -> None:
    data = b"text,kind\nspanduk di kantor,post\nsambutan ajak pilih,speech\naduan sembako,complaint\nbiasa,\n"
    batch, _ = service.upload_batch(make_uow, CLOCK, INTAKE, "jenis.csv", data)
    service.run_batch(make_uow, CLOCK, fake_screener, batch.id)
    every = service.view_batch(make_uow, CLOCK, INTAKE, batch.id, PostFilter(flagged_only=False))
    assert [p.kind for p in every.posts] == ["post", "speech", "complaint", None]
    speeches = service.view_batch(make_uow, CLOCK, INTAKE, batch.id, PostFilter(kind="speech"))
    assert [p.line for p in speeches.posts] == [3] and speeches.total == 1
    assert "Jenis: pidato" in service.case_form(batch, speeches.posts[0])["description"]
    assert "Jenis" not in service.case_form(batch, every.posts[3])["description"]
    assert {t: k for t, k in SEEN_KINDS if t in {"spanduk di kantor", "biasa"}} == {
        "spanduk di kantor": "post",
        "biasa": None,
    }


def test_a_posts_own_support_without_a_platform_is_flagged_only_when_the_upload_says_post(
    make_uow: Callable[[], MonitoringUnitOfWork],
) -> None:
    """The real screener: the kind column tells it the text is a post (issue 11)."""
    from netralitas.composition import text_screener

    text = "Bismillah, semoga pasangan Hendra-Mira menang satu putaran, amin"
    data = f'text,kind\n"{text}",post\n"{text}",\n'.encode()
    batch, _ = service.upload_batch(make_uow, CLOCK, INTAKE, "jenis.csv", data)
    service.run_batch(make_uow, CLOCK, text_screener, batch.id)
    posts = service.view_batch(make_uow, CLOCK, INTAKE, batch.id, PostFilter(flagged_only=False)).posts
    assert "social_media_post" in posts[0].labels
    assert "social_media_post" not in posts[1].labels


def test_the_batch_list_is_paged_newest_first(make_uow: Callable[[], MonitoringUnitOfWork]) -> None:
    ids = [
        service.upload_batch(make_uow, _at(3 - i), INTAKE, f"{i}.csv", b"text\nhalo\n")[0].id
        for i in range(3)
    ]
    first, total = service.list_batches(make_uow, CLOCK, INTAKE, page=1, size=2)
    second, _ = service.list_batches(make_uow, CLOCK, INTAKE, page=2, size=2)
    assert total == 3 and [b.id for b in first + second] == ids[::-1]
    assert service.list_batches(make_uow, CLOCK, INTAKE, page=9, size=2) == ([], 3)


def test_the_uploader_deletes_their_batch_others_may_not_and_a_running_one_waits(
    engine: Engine, make_uow: Callable[[], MonitoringUnitOfWork]
) -> None:
    other_intake = Actor("u-intake-2", "intake2", Role.INTAKE_OFFICER, "34")
    batch, _ = service.upload_batch(make_uow, CLOCK, INTAKE, "a.csv", b"text\nspanduk\nbiasa\n")
    with make_uow() as uow:  # a worker holds it now
        assert uow.batches.claim(batch.id, CLOCK.now(), CLOCK.now() - service.LEASE)
        uow.commit()
    with pytest.raises(ValidationError, match="sedang disaring"):
        service.delete_batch(make_uow, CLOCK, INTAKE, batch.id)
    service.run_batch(make_uow, _at(-1), fake_screener, batch.id)  # its lease ran out: screened
    with pytest.raises(PermissionDeniedError):
        service.delete_batch(make_uow, CLOCK, other_intake, batch.id)  # sees it, did not upload it
    with pytest.raises(PermissionDeniedError):
        service.delete_batch(make_uow, CLOCK, JATENG, batch.id)
    assert service.delete_batch(make_uow, CLOCK, INTAKE, batch.id) == 2
    with make_uow() as uow:
        assert uow.batches.get(batch.id) is None and uow.batches.post(batch.id, 1) is None
    with SqlUnitOfWork(engine) as uow:
        deleted = [e for e in uow.audit.iter_all() if e.action == "monitoring.deleted"]
    assert [(e.actor_id, e.subject_id, e.detail["posts"]) for e in deleted] == [(INTAKE.user_id, batch.id, 2)]


def test_clean_deletes_old_batches_in_chunks_audited_and_a_dry_run_changes_nothing(
    engine: Engine, make_uow: Callable[[], MonitoringUnitOfWork], kit: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netralitas.cases.audit import verify_trail

    monkeypatch.setattr(service, "CLEAN_PAGE", 2)  # three old batches: two pages
    old = [
        service.upload_batch(make_uow, _at(days), INTAKE, f"{days}.csv", UPLOAD)[0] for days in (400, 200, 91)
    ]
    young, _ = service.upload_batch(make_uow, _at(89), INTAKE, "muda.csv", UPLOAD)
    service.run_batch(make_uow, CLOCK, fake_screener, old[0].id)
    before = _actions(engine)

    dry = service.clean_batches(make_uow, CLOCK, "cli:operator", 90, dry_run=True)
    assert (dry.batches, dry.posts, dry.dry_run) == (3, 12, True)
    assert _actions(engine) == before
    assert len(service.list_batches(make_uow, CLOCK, INTAKE)[0]) == 4

    done = service.clean_batches(make_uow, CLOCK, "cli:operator", 90)
    assert (done.batches, done.posts) == (3, 12) and done.cutoff == CLOCK.now() - timedelta(days=90)
    remaining, total = service.list_batches(make_uow, CLOCK, INTAKE)
    assert [b.id for b in remaining] == [young.id] and total == 1
    with make_uow() as uow:
        assert all(uow.batches.post(b.id, 1) is None for b in old)
        assert uow.batches.post(young.id, 1) is not None
    with SqlUnitOfWork(engine) as uow:
        entries = [
            e for e in uow.audit.iter_all() if e.action in ("monitoring.deleted", "monitoring.cleaned")
        ]
    assert [(e.action, e.subject_id, e.actor_id) for e in entries] == [
        *[("monitoring.deleted", b.id, "cli:operator") for b in old],
        ("monitoring.cleaned", "-", "cli:operator"),
    ]
    assert entries[-1].detail["batches"] == 3 and entries[-1].detail["posts"] == 12
    assert entries[0].detail["reason"] == "retention" and entries[0].detail["posts"] == 4
    assert verify_trail(SqlUnitOfWork(engine), kit).ok
    assert service.clean_batches(make_uow, CLOCK, "cli:operator", 90).batches == 0
    with pytest.raises(ValidationError):
        service.clean_batches(make_uow, CLOCK, "cli:operator", 0)


def test_the_clean_command_uses_the_retention_setting_and_reports_counts(
    engine: Engine, make_uow: Callable[[], MonitoringUnitOfWork], cli: Callable[..., tuple[int, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    now = datetime.now(UTC)
    service.upload_batch(make_uow, FixedClock(now - timedelta(days=40)), INTAKE, "lama.csv", UPLOAD)
    service.upload_batch(make_uow, FixedClock(now - timedelta(days=5)), INTAKE, "baru.csv", UPLOAD)
    code, out = cli("pantau", "clean", "--older-than", "30", "--dry-run")
    assert code == 0 and "Uji coba: 1 pantauan (4 pos)" in out
    monkeypatch.setenv("NETRALITAS_MONITORING_RETENTION_DAYS", "3")
    code, out = cli("pantau", "clean")
    assert code == 0 and "2 pantauan (8 pos)" in out and "dicatat di audit" in out
    with SqlUnitOfWork(engine) as uow:
        cleaned = [e for e in uow.audit.iter_all() if e.action == "monitoring.cleaned"]
    assert len(cleaned) == 1 and cleaned[0].actor_id.startswith("cli")
    assert cleaned[0].detail["older_than_days"] == 3
    code, out = cli("pantau", "clean", "--older-than", "0")
    assert code != 0
