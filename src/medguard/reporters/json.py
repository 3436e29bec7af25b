"""``--format json``: the JSON contract (see models.Report and the shipped JSON Schema)."""

from ..hookspecs import hookimpl
from ..models import Report


class JsonReporter:
    name = "json"
    description = "One JSON object: the report contract, schema in medguard/schema/report.schema.json."

    def render(self, report: Report) -> str:
        return report.model_dump_json(indent=2) + "\n"


@hookimpl
def medguard_register_reporters():
    return [JsonReporter()]
