"""`python -m flake8_gpt2`: the `flake8-gpt2` command."""
import sys

from .frontends.cli import main

sys.exit(main())
