"""medguard_register_readers: read SubRip (.srt) captions of a health video as a text document."""

import re

from medguard import Document, InputError, SourceDocument, decode, hookimpl

_CUE_HEADER = re.compile(r"^\d+\s*\n\d\d:\d\d:\d\d[,.]\d{3} --> .*\n", re.M)


class SrtReader:
    name = "srt"
    extensions = (".srt",)

    def read(self, data: bytes, source: str):
        text, diagnostics = decode(data, source)
        if not _CUE_HEADER.search(text):
            raise InputError("not a SubRip file: no cue timings found")
        # Blank the cue numbers and timings so offsets (and so line/column) stay the file's own.
        body = _CUE_HEADER.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
        yield SourceDocument(Document(id=source.rsplit("/", 1)[-1], body=body, format="text"), source, diagnostics)


@hookimpl
def medguard_register_readers():
    return [SrtReader()]
