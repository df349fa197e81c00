"""The data subject's rights (PIPL arts. 44-47): see, download, correct, withdraw consent, delete.

Kept free of imports so that portal.models can import this package's models; the blueprint
lives in routes.py.
"""
