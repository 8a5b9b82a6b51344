"""Search over the published catalogue."""
