"""medguard's pre-publish HTTP service (the ``server`` extra: FastAPI on uvicorn).

``medguard serve`` runs it; :func:`create_app` builds the ASGI app for embedding or tests::

    from medguard.server import ServerSettings, create_app
    app = create_app(ServerSettings(policy="policies/site.yaml"))

Importing this package does not import FastAPI, so ``medguard check`` starts fast and works
without the extra; :func:`create_app` and the app modules import it when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .settings import ServerSettings, SettingsError

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["ServerSettings", "SettingsError", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
