"""Finding English interface text in a page or a mail rendered in Portuguese or Spanish.

The English strings looked for are the msgids of the portal's catalogue and of
allauth's (its sign-up, log-in and verification pages) whose translation
differs from the English. A msgid becomes a pattern: its markup dropped, its
placeholders matching any text, whole words only. A pattern that would also
match a translated string (an English word that is also a Portuguese or Spanish
one) cannot tell the languages apart and is left out.

Only what a person sees is searched: text, the attributes a browser shows or
reads aloud, and the data- texts the scripts show; never text an element marks
as another language (the footer's "English"), nor what users wrote (titles,
abstracts, names, the call's text), which is removed first. `Reader` reads
each page and mail of a test this way.
"""

import re
from dataclasses import dataclass
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import allauth
import polib
from django.conf import settings
from django.db import models

from portal.site import site_name

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUE_OF = {"pt-br": "pt_BR", "es": "es"}
SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
BUTTON_TYPES = {"submit", "button", "reset"}
NOT_SHOWN = {"script", "style", "template", "head"}
BLOCKS = {
    "p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "br", "option",
    "dt", "dd", "dl", "section", "article", "aside", "nav", "header", "footer", "main", "form", "fieldset",
    "legend", "label", "button", "title", "select", "textarea", "blockquote", "pre", "hr", "summary", "details",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
TAG = re.compile(r"<[^>]+>")


class _VisibleText(HTMLParser):
    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language.split("-")[0]
        self.stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        self.parts: list[str] = []

    def hidden(self) -> bool:
        return any(hides for _tag, hides in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").split("-")[0].lower()
        hides = tag in NOT_SHOWN or bool(lang and lang != self.language)
        if not self.hidden() and not hides:
            shown = [value for name, value in attrs.items() if value and (
                name in SHOWN_ATTRIBUTES or (name.startswith("data-") and name.endswith("-text"))
                or (name == "value" and tag == "input" and attrs.get("type") in BUTTON_TYPES))]
            if shown:
                self.parts.append("\n" + "\n".join(shown) + "\n")
            if tag in BLOCKS:
                self.parts.append("\n")
        if tag not in VOID:
            self.stack.append((tag, hides))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden():
            self.parts.append(data)


def visible_text(html: str, language: str) -> str:
    """What a reader of `html` in `language` sees, one block a line."""
    parser = _VisibleText(language)
    parser.feed(html)
    parser.close()
    return "\n".join(" ".join(line.split()) for line in "".join(parser.parts).splitlines() if line.strip())


def without(text: str, content) -> str:
    """`text` with every piece of users' content (each line of each string, as whole words) taken out;
    codes of two letters ("pt", "es") are no content to take out."""
    pieces = {" ".join(line.split()) for value in content for line in str(value).splitlines()}
    for piece in sorted((p for p in pieces if len(p) > 2), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(piece)}(?!\w)", " ", text)
    return text


@dataclass(frozen=True)
class EnglishString:
    msgid: str
    pattern: re.Pattern


def _pattern(msgid: str) -> re.Pattern | None:
    text = unescape(TAG.sub("", msgid)).replace("%%", "%")
    pieces = [piece.strip() for piece in PLACEHOLDER.split(text) if piece.strip()]
    if not re.search(r"[A-Za-z]{2}", " ".join(pieces)):
        return None  # nothing that reads as English
    words = []
    for piece in pieces:
        regex = r"\s+".join(re.escape(word) for word in piece.split())
        if piece[0].isalpha():  # "Submitted" at the start of a line, "submitted" within one
            regex = f"[{piece[0].upper()}{piece[0].lower()}]" + regex[1:]
        # Whole words only: "Version" is not in "Versiones", nor "Text" in "Texto".
        words.append((r"\b" if piece[0].isalnum() else "") + regex + (r"\b" if piece[-1].isalnum() else ""))
    regex = r"[^\x00]{1,200}?".join(words)
    return re.compile(regex)


def _entries(language: str):
    folder = CATALOGUE_OF[language]
    ours = polib.pofile(str(LOCALE / folder / "LC_MESSAGES" / "django.po"))
    theirs_path = Path(allauth.__file__).parent / "locale" / folder / "LC_MESSAGES" / "django.po"
    theirs = polib.pofile(str(theirs_path)) if theirs_path.exists() else []
    for entry in [*ours, *theirs]:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            translations = [text for text in entry.msgstr_plural.values() if text]
            yield entry.msgid, translations
            yield entry.msgid_plural, translations
        elif entry.msgstr:
            yield entry.msgid, [entry.msgstr]


@cache
def english_strings(language: str) -> tuple[EnglishString, ...]:
    """The catalogues' English strings that a page in `language` must not show."""
    entries = list(_entries(language))
    # One translation from the next by a character no page has; placeholders as a word no language has.
    translated = "\x00".join(PLACEHOLDER.sub("\x01", TAG.sub("", text)) for _msgid, texts in entries for text in texts)
    found = {}
    for msgid, texts in entries:
        if msgid in found or any(" ".join(text.split()) == " ".join(msgid.split()) for text in texts):
            continue
        pattern = _pattern(msgid)
        if pattern is not None and not pattern.search(translated):
            found[msgid] = EnglishString(msgid, pattern)
    return tuple(found.values())


URL = re.compile(r"https?://\S+")
CHAIRS_PLACEHOLDER = re.compile(r"\{\w+\}")  # {title} in a mail a chair words: a name, not prose


def english_in(text: str, language: str) -> dict[str, str]:
    """The catalogue's English strings present in `text` (its links and placeholders aside:
    /accounts/ and {title} are no English prose), each with the words around it."""
    text = CHAIRS_PLACEHOLDER.sub(" ", URL.sub(" ", text))
    found = {}
    for string in english_strings(language):
        if match := string.pattern.search(text):
            found[string.msgid] = " ".join(text[max(0, match.start() - 40):match.end() + 40].split())
    return found


# The Accept-Language of a browser set to each language the portal is translated into.
BROWSERS = {"pt-br": "pt-BR,pt;q=0.9,en;q=0.5", "es": "es-AR,es;q=0.9,en;q=0.5"}


def content_of(*objects) -> list[str]:
    """What users typed into these rows (free text, not choices): it stays in the language they wrote it in."""
    typed = []
    for obj in objects:
        for field in obj._meta.concrete_fields:
            value = getattr(obj, field.attname)
            if field.choices or field.name == "password":
                continue
            if isinstance(field, models.CharField | models.TextField) and value:
                typed.append(value)
            elif isinstance(field, models.JSONField) and isinstance(value, list):
                typed.extend(item for item in value if isinstance(item, str))
    return typed


class Reader:
    """Reads each page and mail in `language` and keeps the English it finds, by where it was found."""

    def __init__(self, language: str):
        self.language = language
        self.content: list[str] = [site_name(language)]
        self.english: dict[str, list[str]] = {}
        self.read: list[str] = []

    def knows(self, *objects):
        self.content.extend(content_of(*objects))

    def page(self, response, where: str) -> str:
        assert response.status_code == 200, where
        html = response.content.decode()
        assert re.search(rf'<html lang="{self.language}"', html), f"{where} is not served in {self.language}"
        return self._check(visible_text(html, self.language), where)

    def mail(self, message, where: str):
        self._check(message.subject, f"{where} (subject)")
        self._check(message.body, f"{where} (text)")
        for html, _mimetype in getattr(message, "alternatives", []):
            self._check(visible_text(html, self.language), f"{where} (HTML)")

    def _check(self, text: str, where: str) -> str:
        self.read.append(where)
        found = english_in(without(text, self.content), self.language)
        if found:
            self.english[where] = found
        return text

    def assert_no_english(self):
        assert self.english == {}, f"English left in {self.language}: {self.english}"
