"""Unsupported efficacy claims: benefit claims in the publisher's voice with no evidence near
them, establishment claims ("studies show") that name no study, and absolute promises."""

from medguard import hookimpl

from .absolute import AbsoluteLanguage
from .establishment import EstablishmentClaim
from .unsupported import UnsupportedClaim

__version__ = "0.1.0"


@hookimpl
def medguard_register_rule_types():
    return [UnsupportedClaim, EstablishmentClaim, AbsoluteLanguage]
