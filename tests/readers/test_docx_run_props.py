"""A run's properties as the walk reads them (readers/docx.py _runs): an empty <w:rPr/> is
skipped without being read, and says nothing, so the style decides; only a run's first
child is its properties; a hidden run's field characters still count."""

from __future__ import annotations

import pytest

from ._docx import make_docx
from .test_docx import STYLES, blocks


def run(rpr: str | None, text: str) -> str:
    return f'<w:r>{rpr or ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


@pytest.mark.parametrize("body,text,bold", [
    (para(run("<w:rPr/>", "По стилю"), style="Heading2"), "По стилю", True),
    (para(run("<w:rPr/>", "Обычный")), "Обычный", False),
    (para(run("<w:rPr/>", "А "), run("<w:rPr><w:b/></w:rPr>", "Б")), "А Б", False),
    (para(run("<w:rPr><w:b/></w:rPr>", "А "), run("<w:rPr/>", "Б"), style="Heading2"), "А Б", True),
    (para(run("<w:rPr><w:b w:val=\"0\"/></w:rPr>", "нет"), style="Heading2"), "нет", False),
    # a second w:rPr is no run's properties: its w:vanish hides nothing
    (para('<w:r><w:t>видно</w:t><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> и это</w:t></w:r>'),
     "видно и это", False),
    (para(run("<w:rPr><w:vanish/></w:rPr>", "скрыто"), run("<w:rPr/>", "Видно")), "Видно", False),
])
def test_run_properties(body, text, bold):
    (b,) = blocks(make_docx(body, styles=STYLES))
    assert (b.text, b.bold) == (text, bold)


def test_a_hidden_run_still_opens_and_closes_its_field():
    hidden = "<w:rPr><w:vanish/></w:rPr>"
    body = para(run("<w:rPr/>", "До "), f'<w:r>{hidden}<w:fldChar w:fldCharType="begin"/></w:r>',
                run(None, "PAGE"), '<w:r><w:rPr/><w:fldChar w:fldCharType="separate"/></w:r>',
                run("<w:rPr/>", "2"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>', run("<w:rPr/>", " после"))
    (b,) = blocks(make_docx(body, styles=STYLES))
    assert b.text == "До 2 после"
