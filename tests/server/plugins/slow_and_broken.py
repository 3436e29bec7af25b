"""A test plugin: rule types that sleep or raise when the document contains a trigger word."""

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


@medguard.hookimpl
def medguard_register_rule_types():
    return [SleepRule, ExplodeRule]
