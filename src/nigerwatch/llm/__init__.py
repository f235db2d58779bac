"""The model layer: everything that talks to a model, and nothing else does.

Settings, prompt, clients, transport and retries, validation, extraction, the answer cache, the
embedded llama.cpp server and the default model's download. This is the only wing that imports
``openai`` and ``instructor`` (lazily: importing the package loads neither). It may import the
core, :mod:`nigerwatch.normalize` and the face; only :mod:`nigerwatch.runs` and
:mod:`nigerwatch.cli` import it.
"""
