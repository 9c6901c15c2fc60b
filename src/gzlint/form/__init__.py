"""The official form as data: loading the per-version TOML files, comparing labels."""
