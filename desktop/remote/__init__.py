"""The one door from desktop/ to sync/ (being split out of service.py)."""
