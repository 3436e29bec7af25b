"""medguard's model layer (the ``ml`` extra): an offline sentence model, embeddings with a cache,
the claim-strength head and the helpers the ``semantic`` rule type uses.

This package imports without torch: torch, transformers and numpy are imported only when an
encoder is built. Check :func:`available` first::

    from medguard import ml
    if ml.available() is None:
        vectors = ml.get_encoder().embed(["Ibuprofen relieves pain."])

See docs/ml.md.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from typing import TYPE_CHECKING, Any, Mapping

from .settings import MLSettings

if TYPE_CHECKING:
    from .encoder import Encoder

__all__ = ["EXTRA_HINT", "MLSettings", "available", "get_encoder", "reset"]

EXTRA_HINT = "needs the ml extra: pip install 'medguard[ml]'"

_REQUIRED = ("torch", "transformers", "numpy")


def _importable(name: str) -> bool:
    if name in sys.modules:
        return sys.modules[name] is not None  # None: import blocked (how tests simulate a missing package)
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def available() -> str | None:
    """None when the model layer can run here, else why not (one line, for the user)."""
    missing = [name for name in _REQUIRED if not _importable(name)]
    if missing:
        return f"{EXTRA_HINT} ({', '.join(missing)} not installed)"
    return None


_encoders: dict[tuple, "Encoder"] = {}
_failures: dict[tuple, Exception] = {}
"""Why the model did not load, per settings: tried once per process, not once per document."""
_lock = threading.Lock()


def get_encoder(settings: MLSettings | Mapping[str, Any] | None = None) -> "Encoder":
    """The process-wide encoder for these settings (loaded once, then shared).

    ``settings`` is an :class:`MLSettings`, a policy's ``settings`` mapping (its ``ml`` key is
    read) or None for the defaults; environment variables apply on top (see settings.py).
    Raises RuntimeError when the extra is missing and ``model.ModelError`` when the model cannot
    be found, verified or loaded (the same error again on later calls, without another try).
    """
    if not isinstance(settings, MLSettings):
        settings = MLSettings.from_policy(settings)
    reason = available()
    if reason is not None:
        raise RuntimeError(reason)
    key = settings.key()
    encoder = _encoders.get(key)
    if encoder is None:
        with _lock:
            encoder = _encoders.get(key)
            if encoder is None:
                encoder = _encoders[key] = _load(key, settings)
    return encoder


def _load(key: tuple, settings: MLSettings) -> "Encoder":
    """A new encoder, or the error its settings gave the first time."""
    from .encoder import Encoder
    from .model import ModelError

    if key in _failures:
        raise _failures[key]
    try:
        return Encoder(settings)
    except ModelError as error:
        _failures[key] = error
        raise


def reset() -> None:
    """Forget loaded encoders (tests; or to free memory)."""
    with _lock:
        for encoder in _encoders.values():
            encoder.cache.close()
        _encoders.clear()
        _failures.clear()
