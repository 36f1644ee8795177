"""The real-report set: see README.md."""
