"""A rule type whose check raises: the engine must isolate it."""

from medguard import RuleType, hookimpl


class ExplodingRule(RuleType):
    name = "exploding"
    description = "Raises on every document (a plugin bug)."

    def check(self, document):
        raise ZeroDivisionError("division by zero in a plugin")


@hookimpl
def medguard_register_rule_types():
    return [ExplodingRule]
