"""What the linter knows of the libraries it reads, as rows of data."""
