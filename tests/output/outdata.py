"""Hand-built results mirroring a few items of the seed protocol (Д05-78/05пр of 2023-06-20)."""

from __future__ import annotations

from protokol.model import (
    Deadline, Directive, Links, Location, ParseResult, Protocol, Reference, Section, Signatory, Source, Warning,
)
from protokol.structure.executors import executors_of

ADDR = "Представителям исполнительных органов субъектов Российской Федерации"
MSK = "Europe/Moscow"


def directive(id_: str, kind: str, text: str, *deadlines: Deadline, parent: str | None = "IV.2",
              addressees: tuple[str, ...] = (ADDR,), responsible: tuple[str, ...] = (),
              paragraph: int = 100, references: tuple[Reference, ...] = ()) -> Directive:
    return Directive(
        id=id_, number=id_.split(".", 1)[-1], parent=parent, kind=kind, text=text,
        addressees=addressees, responsible=responsible, action=None, deadlines=tuple(deadlines),
        links=Links(), location=Location(paragraph, 3), executors=executors_of(addressees),
        references=references,
    )


EARLIER = Reference("protocol", "Д05-56/05пр", "2023-05-16", None, "протокола от 16 мая 2023 г. №Д05-56/05пр")
LETTER = Reference("letter", "05-1234", "2023-05-29", "Минпросвещения России",
                   "письмо Минпросвещения России №05-1234 от 29 мая 2023 г.")


def seed_result() -> ParseResult:
    items = (
        directive("IV.1", "note", "Принять информацию Бондарь О.А. к сведению.", parent=None,
                  addressees=(), paragraph=90),
        directive("IV.2", "group", f"{ADDR} осуществить контроль исполнения поручений:", parent=None,
                  addressees=(), paragraph=91),
        directive(
            "IV.2.1", "task",
            "Пресс службам региональных органов исполнительной власти необходимо разместить "
            "пост релиз об окончании приемной кампании на информационных ресурсах.",
            Deadline("не позднее 9:00 (МСК) 20 августа 2023 г.", "once", "by",
                     due="2023-08-20T09:00:00+03:00", effective_due="2023-08-18T09:00:00+03:00",
                     timezone=MSK, derived_by="federal.roll_back"),
            addressees=(ADDR, "Пресс службам региональных органов исполнительной власти"),
            responsible=("Бондарь О.А.",), paragraph=92,
        ),
        directive("IV.2.2", "task", "Сформировать инфоповоды (не менее 3 х в неделю от региона).",
                  Deadline("Ежедневно", "recurring", rrule="FREQ=DAILY"), paragraph=93),
        directive("IV.2.5", "task", "Обеспечить присутствие Амбассадоров в мероприятиях приемной кампании.",
                  Deadline("Еженедельно до 20 августа 2023 г.", "recurring", "by", until="2023-08-20",
                           rrule="FREQ=WEEKLY;UNTIL=20230820"), paragraph=94),
        directive("IV.2.7", "task",
                  "Заполнить отчет | за текущую неделю по ссылке\n<https://forms.yandex.ru/u/648b/>.",
                  Deadline("еженедельно до 18:00(МСК) пятницы", "recurring", "by",
                           rrule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0", timezone=MSK), paragraph=95),
        directive("IV.2.8", "task", "Подготовить видеоматериал экскурсии по кластеру.", paragraph=96),
        directive("IV.2.9", "task", "Направить отчет в адрес куратора.",
                  Deadline("к очередному заседанию", "unparsed"),
                  Deadline("до 1 июля 2023 г.", "once", "by", due="2023-07-01", effective_due="2023-06-30"),
                  paragraph=97),
    )
    section = Section("IV", "Об информационно-медийном сопровождении Всероссийской приемной кампании",
                      ("Бондарь О.А.",), items)
    first = Section("II", "Об исполнительской дисциплине", ("Скворцова М.А.",), (
        directive("II.2.1", "task", "Предоставить информацию об ответственных.",
                  Deadline("по понедельникам", "recurring", rrule="FREQ=WEEKLY;BYDAY=MO"),
                  parent="II.2", paragraph=40),
        directive("II.2.2", "task", "Продолжить исполнение поручений протокола от 16 мая 2023 г. №Д05-56/05пр, "
                  "письмо Минпросвещения России №05-1234 от 29 мая 2023 г.",
                  Deadline("в установленные сроки", "as_established"), parent="II.2", paragraph=41,
                  references=(EARLIER, LETTER)),
    ))
    protocol = Protocol(
        organization="МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ",
        title="совещания с победителями конкурса на предоставление грантов",
        date="2023-06-20", number="Д05-78/05пр", place="Москва", chair="В.С. Неумывакин",
        secretary=None, attendees=("М.А. Скворцова", "Ковалев Д.С."),
        signatory=Signatory("Директор Департамента", "В.С. Неумывакин"), controller="М.А. Скворцову",
    )
    warnings = (Warning("deadline.unparsed", "не распознан срок: к очередному заседанию", Location(97, 3)),)
    source = Source("samples/protocol-2023-06-20-D05-78.txt", "txt", "ab" * 32)
    return ParseResult(source, protocol, (first, section), warnings)


def bare_result() -> ParseResult:
    """A protocol with no header data and one unnumbered section."""
    item = directive("1", "task", "Подготовить | предложения.", parent=None, addressees=(),
                     paragraph=3)
    section = Section(None, "", (), (item,))
    return ParseResult(Source("other.txt", "txt", "cd" * 32), Protocol(), (section,))
