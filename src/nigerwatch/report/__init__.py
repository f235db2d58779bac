"""The review page: articles beside their records, for a person to check what was extracted.

A grounded record can still be misread (a coup "in France" quoted from a sentence about Niger),
and only a reader who sees the quote beside the record catches it. This wing builds one
self-contained HTML file (``nigerwatch review``): each article's text with every evidence span
highlighted by event type, the records and the dropped drafts beside it, filters, and a timeline.

It is model-free and reads only finished outputs: it may import :mod:`nigerwatch.schemas`,
:mod:`nigerwatch.errors` and :mod:`nigerwatch.core`; never ``openai``, ``instructor`` or the
``llm``, ``runs`` and ``cli`` wings (``tests/unit/test_layers.py`` checks it).
"""
