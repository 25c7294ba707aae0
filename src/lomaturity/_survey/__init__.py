"""Survey responses I/O: reading wide CSV files, records and arrays, writing CSV text.

Every reader checks every answer against a :class:`~lomaturity.rubric.Rubric` and either
returns a complete :class:`~lomaturity.responses.Responses` or raises one
:class:`~lomaturity.exceptions.ResponsesError` listing the problems found (the first
:data:`~lomaturity.exceptions.MAX_PROBLEMS`, with the true ``total``); the rules are in
docs/responses.md. Modules, bottom up:

* :mod:`.problems` -- collecting problems in reading order, showing values safely;
* :mod:`.cells` -- parsing answer text and classifying cells, column by column;
* :mod:`.checks` -- rules shared by readers and writer (names, arguments, argument types,
  duplicate ids) and building the result;
* :mod:`.text` -- decoding bytes, refusing UTF-16 and NUL characters, finding the delimiter;
* :mod:`.source` -- reading a path or a file object within a size limit;
* :mod:`.csvfile`, :mod:`.records`, :mod:`.frame`, :mod:`.arrays` -- the four readers
  (:mod:`.frame` reads pandas and polars DataFrames without importing either);
* :mod:`.write` -- CSV text that reads back equal;
* :mod:`.example` -- the bundled example data (the only module that loads a rubric).
"""
