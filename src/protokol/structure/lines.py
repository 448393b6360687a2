"""Blocks -> Lines: each block's item label split off, inline numbering split apart."""

from __future__ import annotations

from dataclasses import dataclass

from protokol.model import Block, Location
from protokol.structure.labels import SMALL, INLINE_HINT, Label, label_from_word, split_inline, split_label


@dataclass(frozen=True, slots=True)
class Line:
    label: Label | None
    text: str  # without the label
    block: Block

    @property
    def location(self) -> Location:
        return Location(self.block.paragraph, self.block.page)

    @property
    def raw(self) -> str:
        return self.text if self.label is None else f"{self.label.display}. {self.text}"


def to_lines(blocks: tuple[Block, ...]) -> list[Line]:
    lines: list[Line] = []
    top = 0  # the latest top-level item number
    for block in blocks:
        found = _block_lines(block, top)
        for line in found:
            if line.label is not None and line.label.kind == "arabic":
                top = line.label.path[0]
        lines.extend(found)
    return lines


def _block_lines(block: Block, top: int) -> list[Line]:
    if block.number_label and (word_label := label_from_word(block.number_label)):
        return _pieces(block, word_label, block.text)
    label, body = split_label(block.text)
    if label is not None and label.kind == "arabic" and not _in_sequence(label.path, top):
        return [Line(None, block.text.strip(), block)]
    return _pieces(block, label, body)


def _in_sequence(path: tuple[int, ...], top: int) -> bool:
    """An item number above SMALL ("301.", "2023. Итоги") is one only where the list has
    got there: the next top-level number, or a sub-item of the current one."""
    first = path[0]
    return first <= SMALL or first == top + 1 and len(path) == 1 or first == top and len(path) > 1


def _pieces(block: Block, first: Label | None, body: str) -> list[Line]:
    """The first piece keeps `first`; inline numbers after it start further pieces."""
    if first is None or first.kind != "arabic" or not INLINE_HINT.search(body):
        return [Line(first, body.strip(), block)]
    pieces = split_inline(f"{first.display}. {body}", first)
    out = [Line(first, split_label(pieces[0])[1].strip() if len(pieces) > 1 else body.strip(), block)]
    for piece in pieces[1:]:
        label, rest = split_label(piece)
        out.append(Line(label, rest.strip(), block))
    return out
