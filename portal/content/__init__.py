"""Editorial content: Markdown files with YAML front matter, read into pages.

Pure Python, no Flask: ``reader`` turns one file into a page, ``library``
loads a whole content folder into an immutable, indexed collection.
"""
