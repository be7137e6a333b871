"""Active content: what a PDF may do to its reader beyond showing pages
(run JavaScript, launch a program, open a web address, send a form, carry
files or media), and the reviewers' copy written without any of it.

The copy also drops what can name the authors outside the page text: the Info
dictionary, the XMP packet, page metadata, and the text and author of every
annotation (`/Contents`, `/RC`, `/Subj`, `/T`). These are removed, not searched
by the anonymity check: whatever they say, reviewers never get them.
"""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

# Action types (PDF 32000-1, 12.6.4) and what the author is told they do.
ACTION_KINDS = {
    "/JavaScript": "javascript",
    "/Rendition": "javascript",
    "/RichMediaExecute": "javascript",
    "/Launch": "launch",
    "/GoToR": "launch",
    "/URI": "uri",
    "/SubmitForm": "submit_form",
    "/ImportData": "submit_form",
    "/GoToE": "embedded_file",
}
# Annotations that are media players or file attachments: left out of the copy.
ANNOTATION_KINDS = {
    "/FileAttachment": "embedded_file",
    "/RichMedia": "media",
    "/Screen": "media",
    "/Movie": "media",
    "/Sound": "media",
    "/3D": "media",
}
PAGE_KEYS_LEFT_OUT = ("/AA", "/Metadata", "/PieceInfo")
ANNOTATION_KEYS_REMOVED = ("/T", "/Contents", "/RC", "/Subj", "/AA", "/Parent")
MAX_ACTION_CHAIN = 64


def _resolved(value):
    return value.get_object() if value is not None else None


def _action_kinds(action, seen: set | None = None) -> set[str]:
    """The kinds in an action and the actions it chains to (/Next)."""
    seen = set() if seen is None else seen
    action = _resolved(action)
    if isinstance(action, ArrayObject):
        kinds = set()
        for item in action[:MAX_ACTION_CHAIN]:
            kinds |= _action_kinds(item, seen)
        return kinds
    if not isinstance(action, DictionaryObject) or id(action) in seen or len(seen) > MAX_ACTION_CHAIN:
        return set()
    seen.add(id(action))
    kinds = {ACTION_KINDS[str(action.get("/S"))]} if str(action.get("/S")) in ACTION_KINDS else set()
    if "/JS" in action:
        kinds.add("javascript")
    return kinds | _action_kinds(action.get("/Next"), seen)


def _additional_actions(holder) -> set[str]:
    actions = _resolved(holder.get("/AA")) if isinstance(holder, DictionaryObject) else None
    kinds = set()
    if isinstance(actions, DictionaryObject):
        for action in actions.values():
            kinds |= _action_kinds(action)
    return kinds


def _document_kinds(reader: PdfReader) -> set[str]:
    root = reader.trailer["/Root"].get_object()
    kinds = _action_kinds(root.get("/OpenAction")) | _additional_actions(root)
    names = _resolved(root.get("/Names"))
    if isinstance(names, DictionaryObject):
        if "/JavaScript" in names:
            kinds.add("javascript")
        if "/EmbeddedFiles" in names:
            kinds.add("embedded_file")
    form = _resolved(root.get("/AcroForm"))
    if isinstance(form, DictionaryObject) and "/XFA" in form:
        kinds.add("javascript")
    return kinds


def _annotation_kinds(annotation) -> set[str]:
    kinds = _action_kinds(annotation.get("/A")) | _additional_actions(annotation)
    subtype = str(annotation.get("/Subtype"))
    if subtype in ANNOTATION_KINDS:
        kinds.add(ANNOTATION_KINDS[subtype])
    parent, depth = _resolved(annotation.get("/Parent")), 0
    while isinstance(parent, DictionaryObject) and depth < MAX_ACTION_CHAIN:  # a form field's own actions
        kinds |= _action_kinds(parent.get("/A")) | _additional_actions(parent)
        parent, depth = _resolved(parent.get("/Parent")), depth + 1
    return kinds


def _annotations(page) -> list:
    annotations = _resolved(page.get("/Annots"))
    if not isinstance(annotations, ArrayObject):
        return []
    return [item for item in (_resolved(ref) for ref in annotations) if isinstance(item, DictionaryObject)]


def active_content(reader: PdfReader) -> list[str]:
    """The kinds of active content anywhere in the document, sorted."""
    kinds = _document_kinds(reader)
    for page in reader.pages:
        kinds |= _additional_actions(page)
        for annotation in _annotations(page):
            kinds |= _annotation_kinds(annotation)
    return sorted(kinds)


def _cleaned_annotations(page) -> ArrayObject:
    kept = ArrayObject()
    for ref in _resolved(page.get("/Annots")) or []:
        annotation = _resolved(ref)
        if not isinstance(annotation, DictionaryObject) or str(annotation.get("/Subtype")) in ANNOTATION_KINDS:
            continue
        for key in ANNOTATION_KEYS_REMOVED:
            annotation.pop(NameObject(key), None)
        if _action_kinds(annotation.get("/A")):
            del annotation[NameObject("/A")]
        kept.append(ref)
    return kept


def reviewers_copy(reader: PdfReader) -> bytes:
    """The same pages, without metadata, active content or annotation text.
    Only pages are copied, so the catalogue's open action, document actions,
    named JavaScript, embedded files and forms never reach the copy; the
    annotations are cleaned in the reader (this process's own, thrown away
    after the check) before a page is copied, so what they pointed to is
    never copied either. Call `active_content` first."""
    writer = PdfWriter()
    for page in reader.pages:
        if "/Annots" in page:
            kept = _cleaned_annotations(page)
            if kept:
                page[NameObject("/Annots")] = kept
            else:
                del page[NameObject("/Annots")]
        writer.add_page(page, excluded_keys=PAGE_KEYS_LEFT_OUT)
    writer.metadata = None
    writer.xmp_metadata = None
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
