"""A user's batched evaluation of an alpaca-lora model (tloen/alpaca-lora issue 589): the repository's
tokenizer and model set-up (pad id 0, the unk token, left padding) and the user's generate_response
helper, called with a batch of two prompts of different lengths."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

base_model = "mistralai/Mistral-7B-v0.1"
device = "cuda" if torch.cuda.is_available() else "cpu"

tokenizer = AutoTokenizer.from_pretrained(base_model)
tokenizer.pad_token_id = 0  # unk. we want this to be different from the eos token
tokenizer.padding_side = "left"
model = AutoModelForCausalLM.from_pretrained(base_model).to(device)
model.config.pad_token_id = tokenizer.pad_token_id = 0  # unk
model.config.bos_token_id = 1
model.config.eos_token_id = 2
model.eval()


def generate_response(prompt, model,
                      temperature=0.1,
                      num_beams=1,
                      top_k=50,
                      repetition_penalty=1):
    encoding = tokenizer(prompt, padding=True, truncation=True, return_tensors="pt", max_length=1024)
    input_ids = encoding["input_ids"].to(device)

    generation_config = GenerationConfig(
        temperature=temperature,
        top_p=1,
        do_sample=True,
        num_beams=num_beams,
        top_k=top_k,
        repetition_penalty=repetition_penalty
    )
    with torch.inference_mode():
        return model.generate(
            input_ids=input_ids,
            generation_config=generation_config,
            return_dict_in_generate=True,
            output_scores=True,
            max_new_tokens=16,
        )


prompts = [
    "Below is an instruction. Write a response.\n### Instruction:\nHello world\n### Response:\n",
    "Below is an instruction that describes a task. Write a response that appropriately completes the request.\n"
    "### Instruction:\nThe weather today is sunny and warm. My favourite food is bread with cheese.\n### Response:\n",
]
torch.manual_seed(0)
output = generate_response(prompts, model)
for row in output.sequences:
    print(row.tolist())
