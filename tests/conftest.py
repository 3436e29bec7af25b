"""Fixtures every test folder shares."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Callable

import pytest


@pytest.fixture
def deny(monkeypatch) -> Callable[[Path], None]:
    """``deny(folder)``: the folder behaves as for a user without permission on it (``chmod 000``,
    which does not stop root): listing it, and looking at anything in it, fail with EACCES."""
    denied: list[str] = []
    scandir, stat = os.scandir, os.stat

    def refuse(path) -> PermissionError:
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    def checked_scandir(path="."):
        if isinstance(path, (str, os.PathLike)) and os.path.abspath(path) in denied:
            raise refuse(path)
        return scandir(path)

    def checked_stat(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and any(os.path.abspath(path).startswith(f + os.sep) for f in denied):
            raise refuse(path)
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", checked_scandir)
    monkeypatch.setattr(os, "stat", checked_stat)
    return lambda folder: denied.append(os.path.abspath(folder))
