"""One module per rule; `flake8_gpt2.rule.all_rules` finds them."""
