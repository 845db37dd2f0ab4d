"""polemos: news about armed conflict in, structured, geocoded, sourced event data out."""

__version__ = "0.1.0"
