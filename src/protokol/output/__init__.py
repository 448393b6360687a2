"""Renderers: ParseResult -> text or bytes, one module per format."""
