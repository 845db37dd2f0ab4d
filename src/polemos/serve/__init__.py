"""Serving stored events: the REST API with its web map, and the daily situation report."""

from polemos.serve.api import create_app

__all__ = ["create_app"]
