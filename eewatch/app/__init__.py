"""The application layer: the poll sequence, the daemon, the CLI and the views."""
