"""Small, dependency-light text analysis used by the extractive engine.

Each module does one job and works on offsets into the article text, so that
every span the engine emits can be a verbatim slice of ``Article.text``.
"""
