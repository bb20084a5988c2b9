"""The catalogue's service functions: the only way its rows change. Each takes the actor first (the request's
permissions object or SYSTEM), checks permission, changes state in one transaction, appends the domain event
(review step, register event) and writes the audit event."""
