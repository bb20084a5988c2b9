"""Gongkai (公开): government information disclosure platform and annual-report toolkit."""

__version__ = "0.1.0"
