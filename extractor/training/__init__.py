"""Training the project's models, apart from the code that runs them.

Nothing in the extraction path imports this package: a worker that converts
minutes loads the shipped models from ``extractor/data`` and never the code
that made them. Each trainer reads its inputs from explicit paths (defaults
relative to the project folder, where `protokoll train-ner` is run) and
writes to a path the user names.
"""
