"""The ways in: the flake8 plugin, the command (`flake8-gpt2`), the libcst codemod, the language
server, notebooks, and what they share (configuration, output formats, safe writes, the cache).
They call `flake8_gpt2.pipeline`, never the engine or the analysis."""
