"""Kept for old imports: the grammar files are read by protokol.grammar_files."""

from protokol.grammar_files import REPO_GRAMMARS, grammar_text, read_grammar_yaml, read_yaml

__all__ = ["REPO_GRAMMARS", "grammar_text", "read_grammar_yaml", "read_yaml"]
