"""A test plugin: rule types that sleep, raise or say which process checked the document when it
contains a trigger word."""

import os
import time

from pydantic import BaseModel, ConfigDict

import medguard


class TriggerOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    trigger: str
    seconds: float = 1.0


class SleepRule(medguard.RuleType):
    name = "test-sleep"
    description = "Sleeps when the trigger word appears (time-limit tests)."
    Options = TriggerOptions

    def check(self, document):
        if self.options.trigger in document.text:
            time.sleep(self.options.seconds)
        return []


class ExplodeRule(medguard.RuleType):
    name = "test-explode"
    description = "Raises when the trigger word appears (fault-isolation tests)."
    Options = TriggerOptions

    def check(self, document):
        if self.options.trigger in document.text:
            raise RuntimeError("boom from the test plugin")
        return []


class WhoAmIRule(medguard.RuleType):
    name = "test-whoami"
    description = "Reports the id of the process checking the document, then sleeps (checker-process tests)."
    Options = TriggerOptions

    def check(self, document):
        start = document.text.find(self.options.trigger)
        if start < 0:
            return []
        time.sleep(self.options.seconds)
        return [medguard.Detection(start, start + len(self.options.trigger), message=f"checked by pid {os.getpid()}")]


@medguard.hookimpl
def medguard_register_rule_types():
    return [SleepRule, ExplodeRule, WhoAmIRule]
