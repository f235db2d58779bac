"""Batch runs: inputs, outcomes, the concurrent engine, output files, progress, provider batches.

It drives :mod:`nigerwatch.llm` over many articles and never talks to a model by itself
(requests go through :mod:`nigerwatch.llm.transport`). :mod:`~nigerwatch.runs.inputs`,
:mod:`~nigerwatch.runs.outcomes`, :mod:`~nigerwatch.runs.output` and
:mod:`~nigerwatch.runs.progress` hold plain data and import no model client.
"""
