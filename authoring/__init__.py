"""Tools for instructors who write or adapt lessons (not shipped to learners' browsers)."""
