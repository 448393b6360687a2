"""The fields of contract 1.1 added to a parsed result: each directive's executors (its
addressees split and put in the nominative, structure/executors.py) and references
(documents it mentions, structure/references.py), and the protocol's own references
(in its title and section titles). The pipeline's one hook: `annotate(result)`."""

from __future__ import annotations

from dataclasses import replace

from protokol.model import Directive, ParseResult
from protokol.structure.executors import executors_of
from protokol.structure.references import find_references, protocol_references


def annotate(result: ParseResult) -> ParseResult:
    sections = tuple(replace(s, directives=tuple(_directive(d) for d in s.directives)) for s in result.sections)
    protocol = replace(result.protocol, references=protocol_references(result.protocol, [s.title for s in sections]))
    return replace(result, protocol=protocol, sections=sections)


def _directive(directive: Directive) -> Directive:
    return replace(directive, executors=executors_of(directive.addressees),
                   references=find_references(directive.text))


__all__ = ["annotate"]
