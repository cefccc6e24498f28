"""Thin spiders: each builds its requests and hands the bytes to a pure parser."""
