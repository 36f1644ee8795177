"""Where the rules' pages are published: `f"{RULE_DOCS_URL}{code}.md"`."""

RULE_DOCS_URL = "https://github.com/flake8-gpt2/flake8-gpt2/blob/main/docs/rules/"
