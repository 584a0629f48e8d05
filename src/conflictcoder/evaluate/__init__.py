"""Measure the extractor against public gold sets (``conflictcoder evaluate``).

One module per dataset (``acled``, ``case2021``, ``plover``, ``ucdp``, ``geoparsing``) reads
its gold file and says, in its docstring, how our records are mapped onto that gold;
``metrics`` holds the scorers, ``report`` the terminal/JSON/Markdown views and ``runner``
ties them together. The gold data stays in ``../shared/data``; nothing here copies it.
"""
