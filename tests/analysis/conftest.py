import pytest

from medguard import Document, Engine, PluginHost, load_policy


@pytest.fixture(scope="session")
def engine() -> Engine:
    host = PluginHost()
    return Engine(load_policy("default", host.rule_types), host)


@pytest.fixture
def analyze(engine):
    def run(text: str, fmt: str = "text"):
        return engine.analyze(Document(body=text, format=fmt))
    return run


@pytest.fixture
def findings(engine):
    """The active findings of a text (of one category, if given)."""
    def run(text: str, fmt: str = "text", category: str | None = None):
        report = engine.check(Document(body=text, format=fmt)).report
        return [f for f in report.active_findings() if category is None or f.category == category]
    return run
