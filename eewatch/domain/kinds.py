"""Kinds of announcement document (``SourceDocument.kind``, ``[[sources]] kind``)."""

from __future__ import annotations

__all__ = ["ARTICLE", "PAGE"]

PAGE = "page"
ARTICLE = "article"
