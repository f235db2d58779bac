"""The model layer: everything that talks to a model, and nothing else does.

Settings, prompt, clients, transport and retries, validation, extraction, the answer cache, the
embedded llama.cpp server and the default model's download. This is the only wing that imports
``openai`` and ``instructor`` (lazily: importing the package loads neither). It may import the
core, :mod:`nigerwatch.normalize` and the face; only :mod:`nigerwatch.runs` and
:mod:`nigerwatch.cli` import it.
"""

import logging

# instructor logs every failed attempt at ERROR on loggers that have no handler, so Python's
# last-resort handler would print them on the stderr of any script using nigerwatch, which
# reports those failures itself. A NullHandler (the remedy the logging HOWTO gives libraries)
# keeps them off a stderr that asked for nothing; an application that configures logging
# still receives them. Touches no level, filter or propagation of instructor's loggers.
logging.getLogger("instructor").addHandler(logging.NullHandler())
