"""Helpers shared by the test folders: servers, keyrings, practices, Qt and e2e steps.

Test modules import from here, never from one another (a test module is not a library).
"""
