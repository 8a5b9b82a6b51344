"""Checking an uploaded file: its type from its content, its size, a safe name."""
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import filetype

ACCEPTED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


class Rejected(Exception):
    """``code`` keys the translated message: empty, too_large, wrong_type."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Checked:
    data: bytes
    content_type: str
    filename: str
    sha256: str


MAX_STEM_BYTES = 80  # the name is part of the file's key on disk, where a name is at most 255 bytes


def safe_name(name, extension):
    """The name without any path, control or unusual character, with the extension of its real type;
    cut to ``MAX_STEM_BYTES`` of UTF-8 (not characters: a Tifinagh or Chinese letter takes 3 bytes)."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = UNSAFE.sub("_", base.rsplit(".", 1)[0]).strip("._")
    stem = stem.encode()[:MAX_STEM_BYTES].decode("utf-8", "ignore").strip("._") or "document"
    return f"{stem}.{extension}"


def check(name, data, max_bytes):
    if not data:
        raise Rejected("empty")
    if len(data) > max_bytes:
        raise Rejected("too_large", limit=max_bytes // (1024 * 1024))
    kind = filetype.guess(data)
    if kind is None or kind.mime not in ACCEPTED:
        raise Rejected("wrong_type")
    return Checked(data, kind.mime, safe_name(name, ACCEPTED[kind.mime]), hashlib.sha256(data).hexdigest())
