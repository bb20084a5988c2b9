"""Shared, domain-free pieces: input hygiene, HTTP error handlers, the SYSTEM actor and the registries
apps fill from `AppConfig.ready()`. Imports no Gongkai app (checked by import-linter)."""
