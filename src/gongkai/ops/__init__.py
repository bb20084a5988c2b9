"""Operations: what running the platform on several servers needs, and belongs to no domain.

- the shared cache table (Django's database cache), created by every `migrate`;
- `/ops/health/`: a health check for the reverse proxy and monitoring (database and cache reachable);
- the heartbeat task: the tasks framework's example task, and the way to check that a worker runs
  (`gongkai manage heartbeat`, `POST /ops/heartbeat/` for superusers).
"""
