"""The model-free core: articles, drafts, text folding, grounding, word lists, records, identity.

Everything here is pure and deterministic: it turns what a model proposed (a
:class:`~nigerwatch.core.draft.ArticleDraft`) into grounded, normalized records, and decides
which events are the same. It may import :mod:`nigerwatch.schemas`, :mod:`nigerwatch.errors`
and :mod:`nigerwatch.normalize`; never ``openai``, ``instructor`` or the ``llm``, ``runs`` and
``cli`` wings (``tests/unit/test_layers.py`` checks it).
"""
