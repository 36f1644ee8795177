# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# GPT005 on the keywords of generate and of text-generation pipelines.
import transformers
from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaForCausalLM, TextGenerationPipeline
from transformers import pipeline as hf_pipeline

tokenizer = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")
ids = tokenizer("Hello world", return_tensors="pt")["input_ids"]

model.generate(ids, max_new_token=5)  # flagged: GPT005
model.generate(ids, max_completion_tokens=5)  # flagged: GPT005
model.generate(ids, max_output_tokens=5)  # flagged: GPT005
model.generate(ids, stop_sequences=["."])  # flagged: GPT005
model.generate(ids, topk=5)  # flagged: GPT005
model.generate(ids, do_samples=True)  # flagged: GPT005
model.generate(ids, max_tokens=None)
model.generate(ids, max_new_tokens=5, top_k=5, top_p=0.9, temperature=0.7, do_sample=True)
model.generate(ids, tokenizer=tokenizer, stop_strings=["."], assistant_tokenizer=tokenizer)
model.generate(ids, something_else=1)
model.generate(ids, top_q=0.5)
LlamaForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B").generate(ids, token_type_id=ids)
AutoModelForCausalLM.from_pretrained("my-org/model").generate(ids, attention_masks=ids)  # flagged: GPT005

generator = hf_pipeline("text-generation", model="gpt2")
generator("Hello", max_tokens=5)  # flagged: GPT005
generator("Hello", max_new_tokens=5, prefix="A", handle_long_generation="hole", add_special_tokens=False)
generator(text_inputs="Hello", max_new_tokens=5, num_workers=1, batch_size=1, return_tensors=True)
transformers.pipeline("text-generation")("Hello", num_beans=2)  # flagged: GPT005
TextGenerationPipeline(model=model, tokenizer=tokenizer)("Hello", max_tokens=5)  # flagged: GPT005
generator("Hello", **{"max_tokens": 5})
generator("Hello", max_tokens=None)

task = "text-generation"
hf_pipeline(task)("Hello", max_tokens=5)
hf_pipeline("fill-mask")("Hello", max_tokens=5)
hf_pipeline("text-classification")("Hello", max_tokens=5)
hf_pipeline(model="gpt2")("Hello", max_tokens=5)


def complete(pipe, prompt):
    return pipe(prompt, max_tokens=5)


def complete_here(prompt):
    return generator(prompt, max_tokens=5)  # flagged: GPT005


class Bot:
    def __init__(self):
        self.model = AutoModelForCausalLM.from_pretrained("gpt2")
        self.pipe = hf_pipeline("text-generation", model=self.model, tokenizer=tokenizer)

    def reply(self, ids):
        self.pipe("Hello", n=2)  # flagged: GPT005
        return self.model.generate(ids, num_beans=2)  # flagged: GPT005

remote = AutoModelForCausalLM.from_pretrained("some/chat-model", trust_remote_code=True)
remote.generate(ids, max_tokens=5, num_beans=2)
loaded_with_options = AutoModelForCausalLM.from_pretrained("gpt2", **{"trust_remote_code": True})
loaded_with_options.generate(ids, max_tokens=5)
generator("Hello", stop=[".", "\n"])  # flagged: GPT005

# settings merged into one dict with `**`: later keys win
greedy = {"max_new_tokens": 5}
model.generate(ids, **{**greedy, "temperature": 0.7})  # flagged: GPT026
model.generate(ids, **{**greedy, "temperature": 0.7, "do_sample": True})
model.generate(ids, **{"temperature": 0.7, **{"do_sample": True}})
model.generate(ids, **{**greedy, **tokenizer.init_kwargs, "temperature": 0.7})
