# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# `global`: a function's reads and assignments of the name are the module's; what a function
# assigns joins into the module's binding from the function's definition on.
from transformers import GPT2LMHeadModel

model = GPT2LMHeadModel.from_pretrained("gpt2")


def declares_only():
    global model
    return model("text")  # flagged: GPT001


def outer():
    model = "a local of outer"

    def inner():
        global model
        return model("text")  # flagged: GPT001

    return inner, model


reloaded = GPT2LMHeadModel.from_pretrained("gpt2")


def reloads():
    global reloaded
    reloaded = GPT2LMHeadModel.from_pretrained("distilgpt2")


reloaded("text")  # flagged: GPT001


def forgets():
    global forgotten
    forgotten = load_somehow()  # noqa: F821


forgotten = GPT2LMHeadModel.from_pretrained("gpt2")
forgotten("text")  # the function may have made it anything


def imports_over():
    global imported
    from somewhere import imported  # noqa: F401


imported = GPT2LMHeadModel.from_pretrained("gpt2")
imported("text")  # the import may have made it anything


def deletes():
    global deleted
    del deleted


deleted = GPT2LMHeadModel.from_pretrained("gpt2")
deleted("text")  # the function may have deleted it


def defines():
    global defined

    def defined(ids):
        return ids


defined = GPT2LMHeadModel.from_pretrained("gpt2")
defined("text")  # the function may have made it its own function
