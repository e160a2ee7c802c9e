"""Carnet's sync engine: journal format, crypto, keys, merge, storage backends.

This package never imports Qt nor anything from ``desktop``: it moves and merges
*changes* through the narrow replica interface in :mod:`sync.ports`.
"""
