"""flake8-gpt2: catch and fix the inputs that make transformers models fail at run time."""
__version__ = "0.1.0"
