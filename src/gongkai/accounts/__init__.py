"""Accounts: the platform's user model (staff and system administrators) and their API tokens.

Online applicants have no account: a 查询码 plus the last six characters of their ID number identify their
application (see docs/architecture.md, "Applicants").
"""
