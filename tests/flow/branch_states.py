# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# A branch records only the names it changes: what it left alone keeps its value, what it (or a
# compound statement inside it) changed joins the other paths.
from transformers import AutoModel

model = AutoModel.from_pretrained("gpt2")


def load():
    ...


kept = "text"
if load():
    other = 1
for _ in range(2):
    other = 2
try:
    other = 3
except Exception:
    pass
model(kept)  # flagged: GPT001

nested = "text"
if load():
    if load():
        nested = load()
model(nested)

counted = "text"
for _ in range(2):
    if load():
        counted = load()
model(counted)

handled = "text"
try:
    load()
except Exception:
    handled = load()
model(handled)

restarted = "text"
try:
    restarted = "again"
    model(restarted)  # flagged: GPT001
except Exception:
    model(restarted)  # flagged: GPT001
    restarted = load()
model(restarted)

deep = "text"
try:
    while load():
        match load():
            case 1:
                deep = load()
except Exception:
    pass
model(deep)

if load():
    fresh = "text"
else:
    fresh = "other text"
model(fresh)  # flagged: GPT001

if load():

    def resets():
        global reset_later
        reset_later = load()


reset_later = "text"
model(reset_later)
