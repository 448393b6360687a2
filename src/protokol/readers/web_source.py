"""The text of a web page: its bytes decoded by the charset it declares, and the HTML part
of a web archive (.mht / .mhtml: MIME multipart/related, as Word and browsers save one).

* A BOM wins; then ``<meta charset=...>`` or ``<meta http-equiv="Content-Type"
  content="text/html; charset=...">`` in the first 4 KB (Word writes windows-1251 there);
  then the charset the .mht part's header names; else the bytes are told apart like a .txt
  (UTF-8, cp1251, KOI8-R, cp866: readers/text_encoding.py, charset-normalizer last).
* An .mht's HTML part is its root (the ``start`` parameter), else its first text/html part;
  quoted-printable and base64 are undone by the standard library's email parser.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re

from protokol.errors import ReadError

_HEAD = 4096
_META = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# what pages declare and Python names otherwise (x-mac-cyrillic, or a name Python lacks)
_ALIASES = {"x-mac-cyrillic": "mac-cyrillic", "windows-874": "cp874", "x-cp1251": "cp1251",
            "win-1251": "cp1251", "unicode": "utf-16"}
NO_HTML = "web archive (.mht) holds no HTML part"


def page_text(data: bytes, path: str, declared: str | None = None) -> str:
    """An HTML page's bytes as text (see the module's doc for the order of charsets)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    m = _META.search(data[:_HEAD])
    names: tuple[str | None, ...] = (m[1].decode("ascii").lower() if m else None, declared)
    for name in names:
        codec = _codec(name)
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                if not codec.startswith("utf"):
                    return data.decode(codec, "replace")
    from protokol.readers.text_encoding import decode

    return decode(data, path)  # no charset, or a false "utf-8": told from the bytes


def _codec(name: str | None) -> str | None:
    """The Python codec of a declared charset, or None (none, or one Python does not know)."""
    if not name:
        return None
    name = _ALIASES.get(name.lower(), name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def archive_page(data: bytes, path: str) -> tuple[bytes, str | None]:
    """A web archive's HTML part (its bytes, transfer encoding undone) and the charset its
    header names; ReadError when the archive has none."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception:  # noqa: BLE001 - the parser is lenient; anything it throws is a broken archive
        raise ReadError(path, f"corrupt {NO_HTML}") from None
    if not message.is_multipart():
        raise ReadError(path, NO_HTML)
    start = (message.get_param("start") or "")
    start = start.strip("<>") if isinstance(start, str) else ""
    pages = [part for part in message.walk()
             if not part.is_multipart() and part.get_content_type() in ("text/html", "application/xhtml+xml")]
    if start:
        rooted = [p for p in pages if (p.get("Content-ID") or "").strip().strip("<>") == start]
        pages = rooted + [p for p in pages if p not in rooted]
    for part in pages:
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload.strip():
            charset = part.get_content_charset()
            return payload, charset
    raise ReadError(path, NO_HTML)
