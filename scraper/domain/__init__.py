"""The domain layer: the round record, pure parsing, the category and occupation data."""
