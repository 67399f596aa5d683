"""Shared fixtures: Agg backend, figures closed after each test, the seeds and their scores, the actor index."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMECMP_SHARED", ROOT.parent / "shared"))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def seeds():
    from framecmp.io.readers import load_seeds

    return load_seeds()


@pytest.fixture(scope="session")
def index():
    """The bundled actor index (load_actors())."""
    from framecmp.measures.actors import load_actors

    return load_actors()


@pytest.fixture(scope="session")
def seed_scores(seeds):
    from framecmp.scoring import score

    return score(seeds, progress=False)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"shared data not found at {data} (a user's fresh clone has no ../shared)")
    return data


# Property tests: random locally (to find new cases), derandomized in CI (a stable build).
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
