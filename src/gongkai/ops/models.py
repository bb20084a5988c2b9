"""No models of its own: task results live in django-tasks-db's table, the cache in `gongkai_cache`.

(The module exists so that Django sends this app the post_migrate signal that creates the cache table.)
"""
