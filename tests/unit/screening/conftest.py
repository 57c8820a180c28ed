from __future__ import annotations

import pytest

from netralitas.screening import Screener
from netralitas.screening.cues import default_cue_book
from netralitas.screening.gazetteer import default_gazetteer
from netralitas.screening.normalise import default_lexicon


@pytest.fixture(scope="session")
def lexical() -> Screener:
    """The lexical layer alone (no learned model): what the detectors find by themselves."""
    return Screener(default_cue_book(), default_gazetteer(), default_lexicon(), None)
