from __future__ import annotations

from distributed import LocalCluster

from netralitas.screening import batch

TEXTS = [
    "Pak camat pasang status WA dukung paslon 02 #PrabowoGibran",
    "Ayo gunakan hak pilih, jangan golput!",
    "Kepala sekolah mengajak para guru untuk memilih paslon 03 saat rapat",
    "Lurah membagikan sembako kepada warga agar memilih paslon 1",
]


def _items() -> list[batch.Record | batch.InputProblem]:
    return [batch.Record(i + 1, f"t{i}", TEXTS[i % len(TEXTS)] + f" #{i}") for i in range(700)]


def test_dask_local_cluster_gives_the_single_process_result() -> None:
    options = batch.ScreenOptions(election_id="pemilu-2024")
    single = list(batch.run(_items(), options))
    mapper, close = batch.dask_mapper("local", 1)
    try:
        distributed = list(batch.run(_items(), options, mapper, window=2))
    finally:
        close()
    assert len(single) == 700
    assert distributed == single


def test_dask_scheduler_address_gives_the_single_process_result() -> None:
    options = batch.ScreenOptions(use_model=False)
    single = list(batch.run(_items()[:300], options))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        mapper, close = batch.dask_mapper(cluster.scheduler_address, 1)
        try:
            distributed = list(batch.run(_items()[:300], options, mapper, window=2))
        finally:
            close()
    assert distributed == single
