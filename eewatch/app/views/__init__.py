"""What users see: statistics, chances, exports, the static report and its Atom feed.

Everything here only reads the store. Computations are pure functions over
:class:`~eewatch.domain.record.Round` values and an injected "today"; rendering turns
their results into text, HTML, SVG or XML.
"""
