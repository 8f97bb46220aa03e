"""Reading a statement as plain text: from a .txt, Markdown or HTML file.

Offsets reported by the extractors refer to the plain text this returns.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
              "blockquote", "header", "footer", "ul", "ol", "table", "title"}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """Plain text and the <title> of an HTML document."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    return _tidy(text), " ".join("".join(parser.title).split())


def markdown_to_text(markup: str) -> str:
    text = re.sub(r"```.*?```", "", markup, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.M)  # quotes
    text = re.sub(r"^\s*[-*+]\s+", "", text, flags=re.M)  # bullets
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    return _tidy(text)


def _tidy(text: str) -> str:
    text = html.unescape(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out, blank = [], False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip()


def unwrap(text: str) -> str:
    """Turn soft line breaks inside a paragraph into spaces, keeping every offset where it was.

    A break is soft when the line runs on (no closing punctuation) and is long enough to be prose, not a heading.
    """
    chars = list(text)
    for m in re.finditer(r"[^\n]{50,}(?<![.!?:;\"”’)])(\n)(?=[^\s\n])", text):
        chars[m.start(1)] = " "
    return "".join(chars)


def read_statement(path: Path) -> tuple[str, str]:
    """(plain text, title hint) of a statement file. Raises UnicodeDecodeError for non-UTF-8 files.

    For plain text the offsets the extractors report are offsets in the file itself (after its
    byte-order mark, with CRLF read as LF); for HTML and Markdown, in the text shown to readers.
    """
    raw = Path(path).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    suffix = Path(path).suffix.lower()
    if suffix in {".html", ".htm"} or re.search(r"<(html|body|p|div)\b", raw[:2000], re.I):
        text, title = html_to_text(raw)
        return unwrap(text), title
    if suffix in {".md", ".markdown"}:
        return unwrap(markdown_to_text(raw)), ""
    return unwrap(raw), ""
