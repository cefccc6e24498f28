"""The database: schema, migrations, the store (reads and the copy write path), rows, SQL views."""
