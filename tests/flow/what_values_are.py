# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
import torch
import transformers
import transformers as tf
from transformers import AutoModelForCausalLM, GPT2LMHeadModel as Causal, GPT2Config, GPT2Model, PreTrainedModel
from transformers import AutoTokenizer, GPT2TokenizerFast

aliased = Causal.from_pretrained("gpt2")
aliased("text")  # flagged: GPT001
through_module = tf.GPT2LMHeadModel.from_pretrained("gpt2")
through_module("text")  # flagged: GPT001
dotted = transformers.AutoModelForCausalLM.from_pretrained("gpt2")
dotted("text")  # flagged: GPT001
from_config = GPT2Model(GPT2Config())
from_config("text")  # flagged: GPT001
chained = AutoModelForCausalLM.from_pretrained("gpt2").to("cpu").eval()
chained("text")  # flagged: GPT001
moved = aliased.half().float().cpu().train()
moved("text")  # flagged: GPT001
aliased.transformer("text")  # flagged: GPT001
aliased.base_model("text")  # flagged: GPT001
aliased.generate("text")  # flagged: GPT001
aliased.forward("text")  # flagged: GPT001
reassigned = aliased
reassigned("text")  # flagged: GPT001

tok = GPT2TokenizerFast.from_pretrained("gpt2")
aliased(f"{tok.eos_token} text")  # flagged: GPT001
aliased("one " + "two")  # flagged: GPT001
aliased(["a", "b"])  # flagged: GPT001
aliased(("a", "b"))  # flagged: GPT001
aliased(open("prompt.txt").read())  # flagged: GPT001
aliased(open("book.txt").read())  # flagged: GPT001
aliased(open("book.txt", "r", encoding="utf-8").read())  # flagged: GPT001
aliased(open("prompt.bin", "rb").read())
aliased(open("prompt.txt", mode="rb").read())
aliased(input())  # flagged: GPT001
aliased(input_ids="text")  # flagged: GPT001

aliased(aliased.transformer.wte(torch.tensor([[1]])))  # flagged: GPT002
aliased(aliased.get_input_embeddings()(torch.tensor([[1]])))  # flagged: GPT002
layer = aliased.get_input_embeddings()
aliased(layer(torch.tensor([[1]])))  # flagged: GPT002
wte = aliased.transformer.wte
vectors = wte(torch.tensor([[1]]))
aliased(vectors)  # flagged: GPT002
aliased(input_ids=vectors)  # flagged: GPT002


def annotated(model: Causal, other: PreTrainedModel, unknown):
    model("text")  # flagged: GPT001
    other("text")  # flagged: GPT001
    unknown("text")
    model(unknown)


class Runner:
    def __init__(self):
        self.model = AutoModelForCausalLM.from_pretrained("gpt2")
        self.tokenizer = AutoTokenizer.from_pretrained("gpt2")

    def run(self, prompt):
        self.model(prompt)
        return self.model("text")  # flagged: GPT001


class NotAModel:
    def __call__(self, text):
        return text


NotAModel()("text")
aliased(torch.tensor([[1, 2]]))
aliased(input_ids=torch.tensor([[1, 2]]), attention_mask=torch.ones(1, 2))
