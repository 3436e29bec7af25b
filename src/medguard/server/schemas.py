"""The API's own request and response models (the report itself is ``medguard.models.Report``).

The OpenAPI schema is generated from these and from medguard's models.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..models import Document, PolicyRef, Severity
from ..readers.cms_json import MIXED_SHAPES, mixes_shapes


class Rendered(BaseModel):
    """A WordPress field as the REST API returns it: ``{"rendered": "<p>...</p>", ...}``."""

    model_config = ConfigDict(extra="allow")

    rendered: str


class WordPressPost(BaseModel):
    """A post as the WordPress REST API returns it (``GET /wp-json/wp/v2/posts/<id>``), forwarded
    unchanged. ``title.rendered`` and ``content.rendered`` are checked as HTML; other fields are kept as
    metadata or ignored."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "id": 48213, "link": "https://example.org/blog/calm-anxiety/",
        "title": {"rendered": "How to calm anxiety"},
        "content": {"rendered": "<p>This supplement is a miracle cure for anxiety.</p>"},
    }]})

    id: int | str | None = None
    title: Rendered | str | None = None
    content: Rendered
    link: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_text_or_number(cls, value: Any) -> Any:
        """A CMS id is text or a whole number; ``true`` is neither (it would become "1")."""
        if value is None or isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise PydanticCustomError("id_type", "Input should be a string or an integer")

    @field_validator("title", mode="before")
    @classmethod
    def _title_rendered_or_text(cls, value: Any) -> Any:
        """One error naming both accepted forms, rather than one per member of the union."""
        if value is None or isinstance(value, str) or (isinstance(value, dict) and isinstance(value.get("rendered"), str)):
            return value
        raise PydanticCustomError("title_type", "Input should be a string or an object with a string 'rendered'")

    @model_validator(mode="before")
    @classmethod
    def _one_shape(cls, value: Any) -> Any:
        """A ``body`` beside ``content.rendered`` would go unchecked: refuse the mix of shapes."""
        if isinstance(value, dict) and mixes_shapes(value):
            raise ValueError(MIXED_SHAPES)
        return value


def _shape(value: Any) -> str:
    """Which model a JSON object is: a WordPress post has ``content`` as an object, or, without a
    ``body``, ``title`` as one (so that a post missing its content is told so, not that its title
    should be a string)."""
    if isinstance(value, WordPressPost):
        return "wordpress"
    if isinstance(value, dict) and (isinstance(value.get("content"), dict)
                                    or ("body" not in value and isinstance(value.get("title"), dict))):
        return "wordpress"
    return "document"


def _plurality(value: Any) -> str:
    return "many" if isinstance(value, list) else "one"


CheckItem = Annotated[
    Union[Annotated[Document, Tag("document")], Annotated[WordPressPost, Tag("wordpress")]],
    Discriminator(_shape),
]
"""One document: medguard's Document shape or a WordPress REST post."""


def check_request_type(max_documents: int) -> Any:
    """The body of POST /v1/check: one document, or a list of 1..max_documents of them."""
    return Annotated[
        Union[
            Annotated[CheckItem, Tag("one")],
            Annotated[list[CheckItem], Field(min_length=1, max_length=max_documents), Tag("many")],
        ],
        Discriminator(_plurality),
    ]


PLURALITY_TAGS = frozenset({"one", "many"})
SHAPE_TAGS = frozenset({"document", "wordpress"})
"""Tags that only say which branch of the unions was taken; dropped from error locations."""


def public_loc(loc: tuple[str | int, ...]) -> list[str | int]:
    """An error location as the client wrote the request, without the tags of the unions:
    ``("body", "many", 1, "wordpress", "content")`` is ``["body", 1, "content"]``."""
    if loc[:1] != ("body",):
        return list(loc)
    rest = list(loc[1:])
    head: list[str | int] = ["body"]
    if rest and rest[0] in PLURALITY_TAGS:
        rest.pop(0)
    if rest and isinstance(rest[0], int):
        head.append(rest.pop(0))
    if rest and rest[0] in SHAPE_TAGS:
        rest.pop(0)
    return head + rest


class RuleInfo(BaseModel):
    id: str
    type: str
    category: str
    severity: Severity
    message: str
    references: list[str]
    scope: list[str] | None = None
    suggestion: str | None = None
    enabled: bool
    skipped: str | None = Field(None, description="Why the rule does not run here, if it does not.")


class PolicyInfo(BaseModel):
    """The pack deciding now."""

    name: str
    version: str
    description: str
    digest: str = Field(description="Hash of the merged pack: changes whenever any rule changes.")
    on_error: Literal["fail-open", "fail-closed"]
    decision: dict[str, Severity | None] = Field(description="Lowest severity that blocks and that warns.")
    loaded_at: float = Field(description="When this pack was loaded (Unix time).")
    rules: list[RuleInfo]


class ReloadResult(BaseModel):
    policy: PolicyRef
    digest: str
    previous: PolicyRef
    changed: bool = Field(description="Whether the pack differs from the one it replaced.")
    tokens: int = Field(description="How many API tokens are accepted now.")


class ReloadFailure(BaseModel):
    detail: str
    problems: list[str] = Field(default_factory=list)
    policy: PolicyRef = Field(description="The pack still deciding.")


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    status: Literal["ready", "starting", "stopping"]
    policy: PolicyRef | None = None
    active_rules: int = 0
    skipped_rules: int = 0


class ErrorDetail(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationFailure(BaseModel):
    """422: what was wrong with the request, by location. Input values are never echoed."""

    detail: list[ErrorDetail]


class Problem(BaseModel):
    detail: str
