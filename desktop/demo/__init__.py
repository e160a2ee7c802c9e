"""The synthetic demo practice: a deterministic generator (generator.py, consultations.py,
data.py) and its loading into a store (loader.py). Not part of the store: it only calls its
API."""
