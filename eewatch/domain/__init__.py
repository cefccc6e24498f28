"""The domain: the round record, event kinds, category names and the occupation catalog,
eligibility; what a fetch and an announcement carry; the clock. Pure: no I/O."""
