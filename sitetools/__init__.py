"""Tools for writing and publishing the site that run outside a Pelican build (used by ``tasks.py``)."""
