"""Publishing the static site, apart from rendering it: no Flask here.

``atomic`` swaps a finished build into place, ``buildstate`` remembers what
each output was built from, ``linkcheck`` and ``privacy`` vet the output,
and ``sitemap``, ``feed`` and ``robots`` write the site's machine files.
"""
