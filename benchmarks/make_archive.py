"""Build a benchmark archive of distinct protocols from the samples.

    python benchmarks/make_archive.py OUT_DIR [--files 500] [--seed 42]

Mixed formats (40 % docx, 40 % txt - half of them cp1251 - , 20 % pdf) in nested folders
(year/month/department), plus ~1 % broken files (a corrupt docx, an empty txt).
Each txt and docx is the seed protocol with its dates, day numbers and protocol
number rewritten, most numbered paragraphs given a random tail naming a region and
often an organisation ("…, в том числе в Курской области (ГБПОУ «Колледж № 17»);"),
so that texts seldom repeat across files as in a real archive, and some decision
paragraphs duplicated (in the text, and in the docx's word/document.xml); each pdf
is the sample with a distinct trailing comment (pdf content is not rewritten: its
layout is what the pdf reader is measured on). Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = "protocol-2023-06-20-D05-78"
MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")
_DATE = re.compile(r"\b(\d{1,2})(\s+)(" + "|".join(MONTHS) + r")")
_NUMBER = re.compile(r"Д05-(\d+)/05пр")
_ITEM = re.compile(r"^\d+(?:\.\d+)*\.\s.+$", re.M)
# a numbered paragraph's last text run, ending in "." or ";"
_NUMBERED_END = re.compile(r"(<w:numPr>(?:(?!</w:p>).)*<w:t(?: [^>]*)?>(?:(?!</w:p>)[^<])*?)([.;])(</w:t></w:r></w:p>)", re.S)
_ITEM_END = re.compile(r"^(\d+(?:\.\d+)*\.\s.+?)([.;])$", re.M)
REGIONS = (
    "Алтайском крае", "Амурской области", "Архангельской области", "Белгородской области", "Брянской области",
    "Владимирской области", "Волгоградской области", "Вологодской области", "Воронежской области",
    "Забайкальском крае", "Ивановской области", "Иркутской области", "Калининградской области",
    "Калужской области", "Камчатском крае", "Кемеровской области", "Кировской области", "Костромской области",
    "Краснодарском крае", "Красноярском крае", "Курганской области", "Курской области", "Липецкой области",
    "Магаданской области", "Московской области", "Мурманской области", "Нижегородской области",
    "Новгородской области", "Новосибирской области", "Омской области", "Оренбургской области",
    "Орловской области", "Пензенской области", "Пермском крае", "Приморском крае", "Псковской области",
    "Республике Башкортостан", "Республике Бурятия", "Республике Дагестан", "Республике Карелия",
    "Республике Коми", "Республике Марий Эл", "Республике Мордовия", "Республике Татарстан",
    "Республике Саха (Якутия)", "Ростовской области", "Рязанской области", "Самарской области",
    "Саратовской области", "Сахалинской области", "Свердловской области", "Смоленской области",
    "Ставропольском крае", "Тамбовской области", "Тверской области", "Томской области", "Тульской области",
    "Тюменской области", "Удмуртской Республике", "Ульяновской области", "Хабаровском крае",
    "Челябинской области", "Чувашской Республике", "Ярославской области",
)
ORGANISATIONS = ("ГБПОУ «Колледж № {}»", "ГАПОУ «Техникум № {}»", "ОГБПОУ «Политехнический колледж № {}»")


def _tail(rng: random.Random) -> str:
    """", в том числе в Курской области (ГБПОУ «Колледж № 17»)" and the like."""
    tail = f", в том числе в {rng.choice(REGIONS)}"
    if rng.random() < 0.5:
        tail += f" ({rng.choice(ORGANISATIONS).format(rng.randint(1, 300))})"
    return tail


def _with_tail(rng: random.Random, m: re.Match[str]) -> str:
    head, stop, rest = m.group(1), m.group(2), m.group(3) if m.lastindex == 3 else ""
    return head + (_tail(rng) if rng.random() < 0.8 else "") + stop + rest


_PARAGRAPH = re.compile(r"<w:p>(?:(?!</w:p>).)*?<w:t>\d+\.\s(?:(?!</w:p>).)*</w:p>", re.S)


def vary_text(text: str, rng: random.Random) -> str:
    """Rewrite dates and numbers, give numbered paragraphs random tails, duplicate a
    few numbered decisions."""
    text = _DATE.sub(lambda m: f"{rng.randint(1, 28)}{m.group(2)}{rng.choice(MONTHS)}", text)
    text = _NUMBER.sub(lambda m: f"Д05-{rng.randint(1, 999)}/05пр", text)
    text = _ITEM_END.sub(lambda m: _with_tail(rng, m), text)
    items = _ITEM.findall(text)
    for item in rng.sample(items, k=min(len(items), rng.randint(0, 4))):
        text = text.replace(item, item + "\n\n" + item, 1)
    return text


def vary_docx(data: bytes, rng: random.Random) -> bytes:
    """The same rewrites inside word/document.xml; every other part copied as is."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = part.decode("utf-8")
                xml = _DATE.sub(lambda m: f"{rng.randint(1, 28)}{m.group(2)}{rng.choice(MONTHS)}", xml)
                xml = _NUMBER.sub(lambda m: f"Д05-{rng.randint(1, 999)}/05пр", xml)
                xml = _NUMBERED_END.sub(lambda m: _with_tail(rng, m), xml)
                paragraphs = _PARAGRAPH.findall(xml)
                for p in rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(0, 3))):
                    xml = xml.replace(p, p + p, 1)
                part = xml.encode("utf-8")
            dst.writestr(info, part)
    return out.getvalue()


def build(out: Path, files: int = 500, seed: int = 42) -> list[Path]:
    """Write the archive; returns the written paths, sorted."""
    rng = random.Random(seed)
    txt = (SAMPLES / f"{SEED}.txt").read_text(encoding="utf-8")
    docx = (SAMPLES / f"{SEED}.docx").read_bytes()
    pdf = (SAMPLES / f"{SEED}.pdf").read_bytes()
    written = []
    broken = max(1, files // 100)
    for n in range(files):
        folder = out / str(2019 + n % 5) / f"{1 + n % 12:02d}" / f"dept-{n % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        kind = ("docx", "txt", "docx", "txt", "pdf")[n % 5]
        path = folder / f"protocol-{n:05d}.{kind}"
        if n < broken:
            path.write_bytes(b"" if kind == "txt" else b"PK\x03\x04 broken")
        elif kind == "txt":  # every other one in cp1251, as many real ones come
            text = vary_text(txt, rng)
            path.write_bytes(text.encode("cp1251" if n % 10 < 5 else "utf-8"))
        elif kind == "docx":
            path.write_bytes(vary_docx(docx, rng))
        else:
            path.write_bytes(pdf + f"\n% variant {n}\n".encode("ascii"))
        written.append(path)
    return sorted(written)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    paths = build(args.out, args.files, args.seed)
    print(f"{len(paths)} files in {args.out}")


if __name__ == "__main__":
    main()
