"""A small app that exists only in the test suite. It plugs an action, a staff page, an API endpoint, an audit
verb, a dashboard tile and demo data into the platform through the registries alone, without any edit to
organs, audit, workspace or portal: the proof that the "Adding an app" recipe (docs/architecture.md) works.

It is installed only by `tests/extension_app/settings.py`, which `make test` uses for one extra run
(these tests plus the authorisation matrix, which then walks this app's namespace too).
"""
