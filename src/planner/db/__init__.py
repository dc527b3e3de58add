"""Storage: SQLAlchemy models, Alembic migrations and the database handle (Qt-free)."""
