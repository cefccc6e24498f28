"""The foundation layer: one typed configuration, the clock, the database."""
