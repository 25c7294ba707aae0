"""Charts of results (matplotlib, an optional extra imported lazily inside the drawing
functions): the engine behind the public :mod:`lomaturity.plot`. Every function here takes
the rubric the result was made on (its names, stages) and returns the matplotlib Axes."""
