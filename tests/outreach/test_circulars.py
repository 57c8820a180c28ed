from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from netralitas.clock import FixedClock
from netralitas.config import Settings
from netralitas.errors import ValidationError
from netralitas.outreach.acknowledgements import acknowledge, open_link, sign_pledge
from netralitas.outreach.circulars import CircularInput, circular_rates, create_circular
from netralitas.outreach.documents import certificate_pdf
from netralitas.outreach.drafting import draft_circular
from netralitas.outreach.links import LinkError, make_token
from netralitas.outreach.ports import OutreachUnitOfWork
from netralitas.outreach.rosterfile import read_roster
from netralitas.outreach.rosters import import_roster
from netralitas.rules.catalogue import default_catalogue
from netralitas.sending import store
from netralitas.sending.jobs import Sender, build_huey, link_secret
from netralitas.sending.settings import SendingSettings
from tests.conftest import require_or_skip
from tests.outreach.conftest import NOW, PPK_SLEMAN, SLEMAN
from tests.outreach.rosterdata import csv_bytes, nip, person
from tests.outreach.smtp_server import Inbox, smtp_server

MakeUow = Callable[[], OutreachUnitOfWork]
SECRET = "rahasia-uji"


def roster(make_uow: MakeUow) -> None:
    lines = [person(i, "DISDIK") for i in range(1, 7)] + [
        person(i, "KEC-DEPOK", "Camat Depok") for i in (7, 8)
    ]
    report = import_roster(make_uow, NOW, PPK_SLEMAN, SLEMAN.id, read_roster(io.BytesIO(csv_bytes(*lines))))
    assert report.applied


def circular(make_uow: MakeUow, **kw: object) -> str:
    data = CircularInput(
        SLEMAN.id, "Edaran netralitas", "Isi edaran netralitas ASN yang cukup panjang.", **kw
    )  # type: ignore[arg-type]
    made, count = create_circular(make_uow, default_catalogue(), NOW, PPK_SLEMAN, data)
    assert count == 8 or kw
    return made.id


def member_id(make_uow: MakeUow, n: int) -> str:
    with make_uow() as uow:
        return next(m.id for m in uow.rosters.members(SLEMAN.id) if m.nip == nip(n))


def test_acknowledge_once_pledge_once_and_rates_per_unit(make_uow: MakeUow) -> None:
    roster(make_uow)
    cid = circular(make_uow, wants_pledge=True, reminder_threshold=0.5)
    token = make_token(SECRET, cid, member_id(make_uow, 1), NOW, 30)
    view, created = acknowledge(make_uow, SECRET, NOW, token)
    again, created_again = acknowledge(make_uow, SECRET, NOW + timedelta(hours=1), token)
    assert created and not created_again and again.acknowledgement.at == NOW  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as wrong:
        sign_pledge(
            make_uow,
            SECRET,
            NOW,
            make_token(SECRET, cid, member_id(make_uow, 7), NOW, 30),
            "Pegawai 7",
            nip(1),
        )
    assert "nip" in wrong.value.details["fields"]
    view, signed = sign_pledge(
        make_uow, SECRET, NOW, make_token(SECRET, cid, member_id(make_uow, 7), NOW, 30), "Pegawai 7", nip(7)
    )
    assert signed and view.pledge is not None and view.acknowledgement is not None
    rates = circular_rates(make_uow, NOW, PPK_SLEMAN, cid)
    by_unit = {r.key: (r.recipients, r.acknowledged, r.pledged) for r in rates.by_unit}
    assert by_unit == {"DISDIK": (6, 1, 0), "KEC-DEPOK": (2, 1, 1)}
    assert {r.key for r in rates.by_position} == {"camat", "lainnya"}
    assert [r.key for r in rates.below_threshold] == ["DISDIK"] and rates.not_reached == ()


def test_expired_and_tampered_links_are_refused(make_uow: MakeUow) -> None:
    roster(make_uow)
    cid = circular(make_uow)
    token = make_token(SECRET, cid, member_id(make_uow, 2), NOW, 1)
    assert open_link(make_uow, SECRET, NOW, token).member.nip == nip(2)
    with pytest.raises(LinkError) as expired:
        acknowledge(make_uow, SECRET, NOW + timedelta(days=2), token)
    assert expired.value.code == "link_expired"
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    with pytest.raises(LinkError) as bad:
        acknowledge(make_uow, SECRET, NOW, tampered)
    assert bad.value.code == "link_invalid"
    assert circular_rates(make_uow, NOW, PPK_SLEMAN, cid).total.acknowledged == 0


def test_draft_follows_the_phase_with_citations() -> None:
    catalogue = default_catalogue()
    election = catalogue.elections["pilkada-2024"]
    before = draft_circular(
        catalogue, election, election.candidate_determination_on - timedelta(days=3), "Pemkab"
    )
    after = draft_circular(catalogue, election, election.campaign_start_on + timedelta(days=3), "Pemkab")
    assert before.phase == "pra_penetapan" and after.phase == "kampanye"
    assert "SKB" in before.body and before.citations
    assert before.body != after.body
    assert "Mulai 22 September 2024" in before.body  # what changes at candidate determination


def test_certificate_pdf_carries_name_nip_and_number() -> None:
    pdf = certificate_pdf(
        "PN-1", "Ani Lestari", nip(1), "Pemkab Sleman", "Saya menyatakan netral.", "7 Oktober 2024", "Edaran"
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ani Lestari" in text and nip(1) in text and "PN-1" in text


@pytest.fixture(params=["sqlite-queue", "redis-queue"])
def sender(request: pytest.FixtureRequest, engine: Engine, tmp_path: Path) -> Iterator[tuple[Sender, Inbox]]:
    queue_url = ""
    if request.param == "redis-queue":
        queue_url = os.environ.get("NETRALITAS_TEST_REDIS_URL", "")
        require_or_skip(queue_url.startswith("redis"), "NETRALITAS_TEST_REDIS_URL is not set")
    with smtp_server() as (inbox, port):
        settings = Settings(data_dir=tmp_path, secret_key=SECRET)  # type: ignore[arg-type]
        # Each test its own queue name: the SQLite and PostgreSQL variants run at once under
        # pytest-xdist on one Redis, and a shared queue let one drain or flush the other's tasks.
        name = f"netralitas-outreach-test-{uuid.uuid4().hex[:12]}"
        sending = SendingSettings(smtp_port=port, batch_size=3, queue_url=queue_url, queue_name=name)
        huey = build_huey(settings, sending)
        huey.flush()  # a Redis queue outlives the test: start empty
        yield Sender(engine, settings, sending, FixedClock(NOW), huey), inbox


def test_sending_through_the_durable_queue_never_sends_twice(
    make_uow: MakeUow, sender: tuple[Sender, Inbox]
) -> None:
    roster(make_uow)
    cid = circular(make_uow)
    send, inbox = sender
    with make_uow() as uow:
        made = uow.circulars.get(cid)
    assert made is not None
    assert store.queue_deliveries(send.engine, made, "initial", NOW) == 8
    assert store.queue_deliveries(send.engine, made, "initial", NOW) == 0  # idempotent by key
    send.enqueue(store.pending_keys(send.engine, cid))
    send.enqueue(store.pending_keys(send.engine, cid))  # the same keys queued twice (e.g. a retry)
    # A worker that "crashed" after claiming: a restarted one resumes after the lease only.
    assert send.send_keys([store.delivery_key(cid, member_id(make_uow, 1), "initial")]) == 1
    send.drain()
    assert store.progress(send.engine, cid)["sent"] == 8
    assert len(inbox.messages) == 8
    assert len({m["Message-ID"] for m in inbox.messages}) == 8
    body = inbox.messages[0].get_content()  # type: ignore[attr-defined]
    token = str(body).split("/t/")[1].split()[0]
    assert open_link(make_uow, link_secret(send.settings), NOW, token).circular.id == cid
    send.resume(cid)
    send.drain()
    assert len(inbox.messages) == 8


def test_targeting_units_and_positions(make_uow: MakeUow) -> None:
    roster(make_uow)
    body = "Isi edaran netralitas ASN untuk para camat."
    only_camat = CircularInput(SLEMAN.id, "Edaran untuk camat", body, target_positions=("camat",))
    assert create_circular(make_uow, default_catalogue(), NOW, PPK_SLEMAN, only_camat)[1] == 2
    one_unit = CircularInput(SLEMAN.id, "Edaran untuk Disdik", body, target_units=("DISDIK",))
    assert create_circular(make_uow, default_catalogue(), NOW, PPK_SLEMAN, one_unit)[1] == 6
    with pytest.raises(ValidationError) as refused:
        wrong = CircularInput(SLEMAN.id, "Edaran", body, target_units=("ANTAH",), target_positions=("raja",))
        create_circular(make_uow, default_catalogue(), NOW, PPK_SLEMAN, wrong)
    assert set(refused.value.details["fields"]) == {"target_units", "target_positions"}


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_the_message_in_flight(
    make_uow: MakeUow, db_url: str, engine: Engine, tmp_path: Path
) -> None:
    roster(make_uow)
    cid = circular(make_uow)
    with make_uow() as uow:
        made = uow.circulars.get(cid)
    assert made is not None
    store.queue_deliveries(engine, made, "initial", NOW)
    keys = store.pending_keys(engine, cid)
    with smtp_server(delay=0.2) as (inbox, port):
        args = [db_url, str(port), str(tmp_path), ",".join(keys)]
        module = [sys.executable, "-m", "tests.outreach.send_worker"]
        worker = subprocess.Popen([*module, *args], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while inbox.count < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        worker.kill()  # SIGKILL: no cleanup, mid-batch
        worker.wait(timeout=10)
        assert 3 <= inbox.count < len(keys)
        settings = Settings(data_dir=tmp_path, secret_key=SECRET)  # type: ignore[arg-type]
        sending = SendingSettings(smtp_port=port)
        clock = FixedClock(NOW)
        restarted = Sender(engine, settings, sending, clock, build_huey(settings, sending))
        restarted.resume(cid)
        restarted.drain()
        assert store.progress(engine, cid)["sent"] < len(keys)  # the dead worker's claim is still leased
        clock.advance(seconds=store.LEASE.total_seconds() + 1)
        restarted.resume(cid)
        restarted.drain()
    ids = [m["Message-ID"] for m in inbox.messages]
    assert store.progress(engine, cid)["sent"] == len(keys) == len(set(ids))  # nothing lost
    assert len(ids) - len(set(ids)) <= 1  # at most the one message in flight, with the same Message-ID
