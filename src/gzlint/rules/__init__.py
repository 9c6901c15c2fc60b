"""gzlint's built-in rules. Each module is a plugin registered through the
``gzlint`` entry-point group, exactly as a third-party rule package would be."""
