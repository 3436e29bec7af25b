"""A plugin whose medguard_process_findings raises after doing part of its work."""

from medguard import hookimpl


@hookimpl
def medguard_process_findings(document, findings):
    findings[0].explanation["touched_by"] = "broken_post_processor"
    raise KeyError("missing setting 'region'")
