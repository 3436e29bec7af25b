"""Rule types for the scan tests: one raises, one kills its process (both on purpose), one
reports the embedding cache folder its worker was given."""

import os
import signal

import medguard
from medguard import RuleType


class Boom(RuleType):
    name = "boom"
    description = "Raises on documents containing KABOOM."

    def check(self, document):
        if "KABOOM" in document.text:
            raise RuntimeError("kaboom")
        return []


class SelfDestruct(RuleType):
    name = "self-destruct"
    description = "Kills its own process on documents containing SELF-DESTRUCT."

    def check(self, document):
        if "SELF-DESTRUCT" in document.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return []


class WhichCache(RuleType):
    name = "which-cache"
    description = "On documents containing WHICH CACHE, reports the embedding cache folder of the process checking it."

    def check(self, document):
        start = document.text.find("WHICH CACHE")
        if start < 0:
            return []
        return [medguard.Detection(start, start + 11, message=f"embeddings in {os.environ.get('MEDGUARD_ML_CACHE_DIR')}")]


@medguard.hookimpl
def medguard_register_rule_types():
    return [Boom, SelfDestruct, WhichCache]
