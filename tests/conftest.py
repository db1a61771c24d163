"""Shared fixtures: the toy lexicon of invented names, and the seed article."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOY = ROOT / "tests" / "data" / "toy_lexicon"
SEED = ROOT / "seeds" / "000_b8878e3335182e53.txt"


@pytest.fixture(scope="session")
def toy_lex():
    from kg.lexicon import load

    return load(TOY)
