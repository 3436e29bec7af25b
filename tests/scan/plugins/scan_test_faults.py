"""Rule types that misbehave on purpose, for the scan tests: one raises, one kills its process."""

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


@medguard.hookimpl
def medguard_register_rule_types():
    return [Boom, SelfDestruct]
