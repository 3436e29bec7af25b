"""A test plugin: rule types that sleep, raise, say which process checked the document or ask for
model time when it contains a trigger word."""

import os
import time

from pydantic import BaseModel, ConfigDict

import medguard
from medguard.ml import deadline


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


class _FindingAtTrigger(medguard.RuleType):
    """A rule type that, when the trigger word appears, does its work and reports one finding there."""

    Options = TriggerOptions

    def check(self, document):
        start = document.text.find(self.options.trigger)
        if start < 0:
            return []
        message, explanation = self.fire()
        return [medguard.Detection(start, start + len(self.options.trigger), message=message, explanation=explanation)]

    def fire(self) -> tuple[str, dict]:
        """The finding's message and explanation."""
        raise NotImplementedError


class WhoAmIRule(_FindingAtTrigger):
    name = "test-whoami"
    description = "Reports the id of the process checking the document and its embedding cache folder, then sleeps (checker-process tests)."

    def fire(self):
        time.sleep(self.options.seconds)
        return f"checked by pid {os.getpid()}, embeddings in {os.environ.get('MEDGUARD_ML_CACHE_DIR')}", {}


class ModelTimeRule(_FindingAtTrigger):
    """What a rule that uses the model meets, without the model: the check's model deadline."""

    name = "test-model-time"
    description = "Reports how long the model may still run, then asks for `seconds` of model work (model time-limit tests)."

    def fire(self):
        limit = deadline.current()
        left = None if limit is None else limit.remaining()
        if limit is not None:
            limit.check(self.options.seconds, 0, 1)  # raises ModelTimeout when that much would not fit
        return f"model time left: {left}", {"model_seconds_left": left}


@medguard.hookimpl
def medguard_register_rule_types():
    return [SleepRule, ExplodeRule, WhoAmIRule, ModelTimeRule]
