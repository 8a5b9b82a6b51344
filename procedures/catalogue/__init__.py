"""The catalogue: administrations, themes, audiences, procedures and their versions."""
