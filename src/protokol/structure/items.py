"""The item tree of one section's decisions: numbers, parents, ids, deadline lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protokol import morph
from protokol.structure.fields import addressee_heading
from protokol.structure.labels import Label
from protokol.structure.lines import Line, RowLine
from protokol.structure.markers import markers
from protokol.structure.names import names_in


@dataclass
class RawItem:
    id: str
    number: str
    label: Label | None
    parent: RawItem | None
    line: Line
    text: str
    deadline_texts: list[str] = field(default_factory=list)
    responsible_texts: list[str] = field(default_factory=list)
    # "Исполнитель: …" / "Соисполнители: …" lines: (True for a co-executor, the text after the word)
    executor_texts: list[tuple[bool, str]] = field(default_factory=list)
    term_line: bool = False  # its terms are on "Срок – …" lines of their own, none in its own line
    children: list[RawItem] = field(default_factory=list)
    duplicate_of: str | None = None
    more: list[str] = field(default_factory=list)  # continuation lines, joined by build_items

    def ends_with(self, suffix: str | tuple[str, ...]) -> bool:
        last = next((t for t in reversed(self.more) if t.strip()), None)  # no copy of `more`
        return (last if last is not None else self.text).rstrip().endswith(suffix)

    @property
    def ancestors(self) -> list[RawItem]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


def build_items(section_number: str | None, lines: list[Line]) -> list[RawItem]:
    """Items in document order, each linked to its parent."""
    builder = _Builder(section_number)
    for line in lines:
        builder.add(line)
    for item in builder.items:  # joined once: repeated f"{text} {line}" is quadratic
        if item.more:
            item.text = " ".join(t for t in [item.text, *item.more] if t).strip()
            item.more = []
        _lift_closing_responsible(item)
        _lift_closing_terms(item)
    return builder.items


def _lift_closing_terms(item: RawItem) -> None:
    """"1. Министерству …: а) …; б) … . Доклад – до 1 сентября, далее – ежеквартально.
    Ответственный: …": "Срок" / "Доклад" lines after the last of several lettered or dashed
    sub-items of a lead-in, none of which has such a line of its own, are the lead-in's; sub-items that set no term of
    their own take it (directives._deadlines), with the people named in those lines."""
    kids = item.children
    if len(kids) < 2 or item.deadline_texts or not item.text.rstrip().endswith(":"):
        return
    if any(k.label is None or k.label.kind not in ("letter", "bullet") for k in kids) and not _one_sentence(kids):
        return  # numbered sub-items "3.1.", "3.2." are tasks of their own, each with its term
    last = kids[-1]
    if not last.term_line or last.children or any(k.deadline_texts or k.responsible_texts for k in kids[:-1]):
        return
    item.deadline_texts, last.deadline_texts, last.term_line = last.deadline_texts, [], False
    if not item.responsible_texts:
        item.responsible_texts, last.responsible_texts = last.responsible_texts, []


def _one_sentence(kids: list[RawItem]) -> bool:
    """Numbered sub-items that go on with their lead-in's sentence ("2. Управлению …:" over "2.1.
    организовать …;", "2.2. обеспечить … ."): each in lower case, each but the last closed by ";".
    A last one that reports ("3.2. о принятых мерах доложить …") has the term of its report."""
    return all(k.text[:1].islower() for k in kids) and all(k.text.rstrip().endswith(";") for k in kids[:-1]) \
        and not _REPORTS.search(kids[-1].text)


_REPORTS = re.compile(r"\b(?:доложить|проинформировать|информировать)\b", re.I)


def _lift_closing_responsible(item: RawItem) -> None:
    """"1. Правительству: а) …; Срок – …; б) …; Срок – … Ответственный: Мишустин М.В.": one
    Ответственный line after the last of several sub-items that each have their own Срок line
    and name no one answers for the whole item (the sub-items inherit it)."""
    kids = item.children
    if len(kids) < 2 or item.responsible_texts or not kids[-1].responsible_texts or kids[-1].children:
        return
    if any(k.responsible_texts for k in kids[:-1]) or not all(k.deadline_texts for k in kids):
        return  # another sub-item names its own, or one has no Срок line of its own
    item.responsible_texts, kids[-1].responsible_texts = kids[-1].responsible_texts, []


class _Builder:
    def __init__(self, section_number: str | None) -> None:
        self.prefix = section_number
        self.question = int(section_number) if section_number and section_number.isdecimal() else None
        self.items: list[RawItem] = []
        self.by_path: dict[tuple[int, ...], RawItem] = {}
        self.by_paren: dict[tuple[int, ...], RawItem] = {}  # top-level "1)" items by number
        self.ids: set[str] = set()
        self.bullets: dict[str, int] = {}
        self.next_copy: dict[str, int] = {}  # next "~n" to try per duplicated id
        # the latest items a new item may hang from, kept as items are added so that
        # finding a parent never scans back over the items (quadratic on long lists)
        self.last_labeled: RawItem | None = None  # label kind other than bullet
        self.last_numbered: RawItem | None = None  # arabic or paren
        self.paren_anchor: RawItem | None = None  # latest earlier paren item or item ending with ":"
        self.parens: dict[int, list[RawItem]] = {}  # every "n)" item by n, in document order
        self.paren_lists: set[tuple[int, int]] = set()  # (id of the parent or 0, n) of every "n)" item
        self.table_parent: RawItem | None = None  # "1.2. Утвердить план …:" over a table: its rows' parent
        self.heading: RawItem | None = None  # "Управлению образования:" over "1.", "2.": their parent
        # "Ответственные исполнители:" with nothing after it: the dashed lines under it list them
        # (None, or whether they are executors and co-executors)
        self.listing: tuple[bool, bool] | None = None

    def add(self, line: Line) -> None:
        if self.listing is not None and self._listed(line):
            return
        if not line.row:
            self.table_parent = None
        elif self.table_parent is None and self.items and not self.items[-1].line.row and self.items[-1].ends_with(":"):
            self.table_parent = self.items[-1]  # the rows of a table right under "…:" are its sub-items
        if line.label is None:
            self._unlabeled(line)
        else:
            self._new_item(line, line.label, line.text)

    def _unlabeled(self, line: Line) -> None:
        mk = markers()
        current = self.items[-1] if self.items else None
        text = line.text
        dl = mk["deadline_line"].match(text)
        rs = mk["responsible_line"].match(text)
        if current is not None and (dl or rs):  # "Срок: до 01.12.2025; отв.: Петров П.П." gives both
            _, terms, people = split_tail(text)
            if terms and not current.deadline_texts:
                current.term_line = True
            current.deadline_texts.extend(terms)
            current.responsible_texts.extend(people)
            word = EXECUTOR_WORD.match(text) if rs and rs.start() == 0 else None
            if word and people:
                current.executor_texts.append((bool(word["co"]), people[0]))
            if rs and rs.start() == 0 and not dl and people == [""] and text.endswith(":"):
                self.listing = (bool(word), bool(word and word["co"]))  # "Ответственные исполнители:" over a list
        elif text[:1] in _ASIDE_START and (mk["vote"].match(text) or mk["editorial"].match(text)
                                           or CERTIFIED.match(text)):
            return  # "ГОЛОСОВАЛИ: «за» – 12 …", "Решение принято единогласно.", "(в ред. Приказа от …)"
        elif current is not None and (bracket := PEOPLE_LINE.match(text)) and names_in(bracket["who"]):
            current.responsible_texts.append(bracket["who"])  # "(Иванов И.И., Петров П.П.)" under an item
        elif PROTOCOL_KEPT_BY.match(text):
            return  # "Протокол вела: Ситникова Е.Е." under the last item: who wrote it, no part of it
        elif current is not None and (mk["control"].match(text) or mk["control_kept"].match(text)):
            # "Контроль за исполнением … возложить на …" (or "… оставляю за собой") under the last
            # item, with no number: an item of its own at the top (not the last item's text)
            self._new_item(line, Label("bullet", ""), text, top=True)
        elif (current is None or current.deadline_texts or current.responsible_texts or current.ends_with((".", ";"))) \
                and addressee_heading(text):
            # "Управлению образования (Лосева Е.Г.):" with no number, over items "1.", "2." (the numbers
            # start again under the next such heading): a lead-in at the top, the parent of those items
            self._new_item(line, Label("bullet", ""), text, top=True)
            self.heading = self.items[-1]
        elif current is not None and _listed_task(current, text):
            # "2. Комиссии:" over "представить … до 20 апреля;" / "обеспечить …." with no dashes:
            # each line is a task of the lead-in, as if dashed
            self._new_item(line, Label("bullet", "-"), text)
        elif current is not None and not current.deadline_texts and not current.responsible_texts:
            current.more.append(text)
        elif text:
            self._new_item(line, Label("bullet", ""), text)

    def _listed(self, line: Line) -> bool:
        """A dashed line ("- управление … (Беляев А.С.);") of the list an "Ответственные исполнители:"
        line opens, or a paragraph of its own (Word's): one who answers for the item (an executor),
        not a sub-item; the list ends at a line ending with "." or at any other line."""
        listing, self.listing = self.listing, None
        if listing is None or line.label is not None and line.label.kind != "bullet" or not self.items or line.row:
            return False
        mk = markers()
        if line.label is None and (len(line.text) > 200 or mk["deadline_line"].match(line.text)
                                   or mk["responsible_line"].match(line.text)):
            return False  # "Срок: …" under the header line: no list
        current, who = self.items[-1], line.text.strip().rstrip(";,.").strip()
        current.responsible_texts.append(who)
        if listing[0]:
            current.executor_texts.append((listing[1], who))
        self.listing = None if line.text.rstrip().endswith(".") else listing
        return True

    def _new_item(self, line: Line, label: Label, text: str, *, top: bool = False) -> None:
        parent = None if top else self.table_parent or self._parent_for(label)
        number = label.display
        own = _own_part(label, parent, self.bullets)
        base = parent.id if parent is not None and label.kind in ("letter", "bullet", "paren") else self.prefix
        if parent is not None and parent is self.table_parent:
            base = parent.id  # "1.2.1", "1.2.2": the rows under item 1.2
        if label.kind == "arabic" and self.heading is not None and parent is not None:
            root = parent
            while root.parent is not None:
                root = root.parent
            base = root.id if root is self.heading else base  # "-1.1", "-1.1.1" under the first heading
        if label.path and label.path[0] == self.question and len(label.path) > 1 and base == self.prefix:
            base = None  # "1.2." decided on question 1 is item 1.2, not 1.1.2
            if parent is not None and parent.ends_with(":"):  # ... unless item "1." is a lead-in ("Главным врачам:")
                base, own = parent.id, str(label.path[-1])
        item_id = f"{base}.{own}" if base else own
        duplicate = None
        if item_id in self.ids:
            duplicate, n = item_id, self.next_copy.get(item_id, 2)
            while f"{item_id}~{n}" in self.ids:
                n += 1
            self.next_copy[item_id] = n + 1
            item_id = f"{item_id}~{n}"
        self.ids.add(item_id)
        item = RawItem(item_id, number, label, parent, line, "", duplicate_of=duplicate)
        text, deadlines, responsible = split_tail(text)
        item.text, item.deadline_texts, item.responsible_texts = text, deadlines, responsible
        if isinstance(line, RowLine):  # a table row's Срок and Ответственный cells
            item.deadline_texts.extend([line.deadline] if line.deadline else [])
            item.responsible_texts.extend([line.responsible] if line.responsible else [])
            if line.co:  # its Соисполнители cell, as a "Соисполнители:" line
                item.responsible_texts.append(line.co)
                item.executor_texts.append((True, line.co))
        if parent is not None:
            parent.children.append(item)
        if label.kind == "arabic" and (parent is None or parent is not self.table_parent):
            self.by_path[label.path] = item  # a row under "1.2. …:" is no item "1." that "1.3." hangs from
        elif label.kind == "paren" and parent is None:
            self.by_paren[label.path] = item  # "2) Специалисту …:" heads "2.1.", "2.2."
        if label.kind == "paren":
            self.parens.setdefault(label.path[0], []).append(item)
            self.paren_lists.add((id(parent) if parent is not None else 0, label.path[0]))
        self._settle_last()
        self.items.append(item)
        if label.kind != "bullet":
            self.last_labeled = item
        if label.kind in ("arabic", "paren", "roman"):
            self.last_numbered = item

    def _settle_last(self) -> None:
        """The last item is about to stop growing: note it if it anchors a paren list."""
        if self.items and _anchors_parens(self.items[-1]):
            self.paren_anchor = self.items[-1]

    def _parent_for(self, label: Label) -> RawItem | None:
        if label.kind == "arabic":
            if label.depth == 1:
                return self.heading
            return self.by_path.get(label.path[:-1]) or self.by_paren.get(label.path[:-1])
        if label.kind == "paren":
            sibling = self._paren_sibling(label.path[0])
            return sibling.parent if sibling is not None else self._paren_parent()
        if label.kind == "letter":
            return self.last_numbered
        if label.kind == "roman":  # "I. Провести …", "II. Утвердить …": an act's items in Roman
            return None
        return self.last_labeled

    def _paren_sibling(self, n: int) -> RawItem | None:
        """The "1)" a "2)" follows: the latest "(n-1))" item whose list has no "n)" yet ("2) ГБУЗ …"
        after "1) Управлению …:", "в) организовать …:" and its dashes is the second item of the
        list "1)" began, not a sub-item of "в)")."""
        for prev in reversed(self.parens.get(n - 1, ())) if n > 1 else ():
            if (id(prev.parent) if prev.parent is not None else 0, n) not in self.paren_lists:
                return prev
        return None

    def _paren_parent(self) -> RawItem | None:
        """The parent of a "1)" item: a preceding paren item's parent, else the nearest
        item ending with ":" (the last item checked live: it may still be growing)."""
        anchor = self.items[-1] if self.items and _anchors_parens(self.items[-1]) else self.paren_anchor
        if anchor is None:
            return None
        return anchor.parent if anchor.label is not None and anchor.label.kind == "paren" else anchor


def _anchors_parens(item: RawItem) -> bool:
    return item.label is not None and item.label.kind == "paren" or item.ends_with(":")


def _own_part(label: Label, parent: RawItem | None, bullets: dict[str, int]) -> str:
    if label.kind == "letter":
        return label.display.rstrip(")")
    if label.kind == "paren":
        return label.display.rstrip(")")
    if label.kind == "bullet":
        key = parent.id if parent is not None else ""
        bullets[key] = bullets.get(key, 0) + 1
        return f"-{bullets[key]}"
    return label.display


_ASIDE_START = frozenset("(«ГгИиРрПпЗзВвКкМм")  # the first characters of a vote, an editor's note, CERTIFIED
# "Верно:", "Копия верна", "М.П." (the stamp's place) by the signature: no part of an item
PEOPLE_LINE = re.compile(r"^\((?P<who>[^()]{4,200})\)\.?$")
# "Исполнитель:", "Ответственный исполнитель:", "Соисполнители:" opening a line: who acts
EXECUTOR_WORD = re.compile(r"^(?:(?:ответст?венн(?:ый|ые)|отв\.)\s*)?(?P<co>со)?исп(?:олнител[ьи]|\.)\s*(?:[–—−‒-]+|:)", re.I)
PROTOCOL_KEPT_BY = re.compile(r"^протокол\s+вел[аи]?(?![а-яё])", re.I)
CERTIFIED = re.compile(r"^(?:верно|копия\s+верна|м\.\s?п)[:.]?$", re.I)


def split_tail(text: str) -> tuple[str, list[str], list[str]]:
    """Cut "…; срок – до 1 июля" and "(ответственный – Иванов И.И.)" off an item's text."""
    mk = markers()
    deadlines: list[str] = []
    responsible: list[str] = []
    note = text.rfind(" (") if text.endswith((")", ").")) else -1
    if note > 0 and mk["editorial"].match(text[note + 1:]):
        text = text[:note].rstrip()  # "… отчет. (пп. 1.2 в ред. Приказа от …)": an editor's note
    rs = mk["responsible_line"].search(text)
    if rs:
        close = text.find(")", rs.end()) if text[: rs.start()].rstrip().endswith("(") else -1
        term = mk["deadline_line"].search(text[rs.end():]) if close < 0 else None  # "Отв.: X. Срок – …"
        at = rs.end() + term.start() if term else len(text)
        end = close if close >= 0 else at if term and _after_sentence(text, at) else len(text)
        who = text[rs.end():end]
        inner = mk["deadline_line"].search(who) if close >= 0 else None
        if inner and _after_sentence(who, inner.start()):  # "(ответственный – X, срок – до 1 мая)"
            deadlines.append(who[inner.end():].strip(" ;"))
            who = who[: inner.start()].rstrip(" ,;")
        responsible.append(who.strip(" ;"))
        start = text.rfind("(", 0, rs.start()) if close >= 0 else rs.start()
        text = re.sub(r"\s+(?=[.,;:])", "", text[:start] + text[end + 1 if close >= 0 else end:]).strip()
        text = text.rstrip(" –—-") if close < 0 and text.endswith((" –", " —", " -")) else text  # "… 2026 г. – отв. X"
    dl = mk["deadline_line"].search(text)
    if dl and _after_sentence(text, dl.start()):
        deadlines.append(text[dl.end():].strip())
        text = text[: dl.start()].strip()
    return text, deadlines, responsible


def _after_sentence(text: str, at: int) -> bool:
    """`at` starts the text or follows a sentence's end ("…; срок –", "…. Срок –")."""
    return at == 0 or text[at - 1] in " \t" and text[:at].rstrip()[-1:] in ".;,"


def _listed_task(current: RawItem, text: str) -> bool:
    """Whether an unlabeled line under `current` is the next task of a list with no dashes: the
    item before ends its own text with ":" (the lead-in) or is such a task ending with ";", and
    the line starts with an infinitive in lower case."""
    if not text[:1].islower() or current.more or current.deadline_texts or current.responsible_texts:
        return False
    lead_in = current.ends_with(":") or current.label is not None and current.label.kind == "bullet" \
        and current.number == "-" and current.ends_with(";") and current.parent is not None \
        and current.parent.ends_with(":")
    first = text.split(None, 1)[0].strip(",;:.")
    return lead_in and first[-2:] in ("ть", "ти") and morph.has_tag(first, "INFN")

