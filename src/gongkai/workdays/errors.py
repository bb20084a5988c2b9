"""The one exception type of `gongkai.workdays`.

Every user-facing failure (bad date, negative day count, unknown rule set, unreadable file) raises
`WorkdaysError` with a Chinese message that names the offending field, so the CLI and the platform can show
it as is instead of a traceback.
"""


class WorkdaysError(ValueError):
    """Bad input to the calendar, clock or fee rules; the message is meant for the user."""
