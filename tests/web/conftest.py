from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

with warnings.catch_warnings():
    # Starlette 1.x prefers httpx2 for its test client; httpx is what the project installs.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from netralitas.web.app import create_app
from tests.factories import World, make_world
from tests.web.helpers import make_settings


@pytest.fixture
def bare_app(tmp_path: Path) -> FastAPI:
    return create_app(make_settings(tmp_path))


@pytest.fixture
def bare_client(bare_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(bare_app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(make_settings(tmp_path))


@pytest.fixture
def app(tmp_path: Path, world: World) -> FastAPI:
    return create_app(make_settings(tmp_path), clock=world.clock, backend=world.backend)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
