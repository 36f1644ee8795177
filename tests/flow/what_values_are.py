# Lint-only: every line that ends with "# flagged" holds a finding, no other line does.
import torch
import transformers
import transformers as tf
from transformers import AutoModelForCausalLM, GPT2LMHeadModel as Causal, GPT2Config, GPT2Model, PreTrainedModel
from transformers import AutoTokenizer, GPT2TokenizerFast

aliased = Causal.from_pretrained("gpt2")
aliased("text")  # flagged
through_module = tf.GPT2LMHeadModel.from_pretrained("gpt2")
through_module("text")  # flagged
dotted = transformers.AutoModelForCausalLM.from_pretrained("gpt2")
dotted("text")  # flagged
from_config = GPT2Model(GPT2Config())
from_config("text")  # flagged
chained = AutoModelForCausalLM.from_pretrained("gpt2").to("cpu").eval()
chained("text")  # flagged
moved = aliased.half().float().cpu().train()
moved("text")  # flagged
aliased.transformer("text")  # flagged
aliased.base_model("text")  # flagged
aliased.generate("text")  # flagged
aliased.forward("text")  # flagged
reassigned = aliased
reassigned("text")  # flagged

tok = GPT2TokenizerFast.from_pretrained("gpt2")
aliased(f"{tok.eos_token} text")  # flagged
aliased("one " + "two")  # flagged
aliased(["a", "b"])  # flagged
aliased(("a", "b"))  # flagged
aliased(open("prompt.txt").read())  # flagged
aliased(input())  # flagged
aliased(input_ids="text")  # flagged

aliased(aliased.transformer.wte(torch.tensor([[1]])))  # flagged
aliased(aliased.get_input_embeddings()(torch.tensor([[1]])))  # flagged
layer = aliased.get_input_embeddings()
aliased(layer(torch.tensor([[1]])))  # flagged
wte = aliased.transformer.wte
vectors = wte(torch.tensor([[1]]))
aliased(vectors)  # flagged
aliased(input_ids=vectors)  # flagged


def annotated(model: Causal, other: PreTrainedModel, unknown):
    model("text")  # flagged
    other("text")  # flagged
    unknown("text")
    model(unknown)


class Runner:
    def __init__(self):
        self.model = AutoModelForCausalLM.from_pretrained("gpt2")
        self.tokenizer = AutoTokenizer.from_pretrained("gpt2")

    def run(self, prompt):
        self.model(prompt)
        return self.model("text")  # flagged


class NotAModel:
    def __call__(self, text):
        return text


NotAModel()("text")
aliased(torch.tensor([[1, 2]]))
aliased(input_ids=torch.tensor([[1, 2]]), attention_mask=torch.ones(1, 2))
