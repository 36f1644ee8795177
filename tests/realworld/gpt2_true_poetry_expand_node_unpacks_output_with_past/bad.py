"""true_poetry (true_poetry.py before a726f85, trimmed: the rhyme, meter and syllable filters, which
read data files, are dropped; a line grows by the most probable tokens)."""
import math
from random import seed

import torch
import torch.nn.functional as F
from transformers import GPT2LMHeadModel, GPT2Tokenizer

end_punctuation = {0, 13, 11, 26, 30}


class Struct:
    pass


params = Struct()
params.probability_threshold = .00005
params.other_expansion = 3
params.random_seed = 28
params.model_name = "gpt2"  # "poetry" (a fine-tuned GPT-2) or "gpt2-xl" in the script
params.stuck_counter_limit = 1000
debug = False


def xprint(*args, **kwargs):
    global debug
    if debug == True:  # noqa: E712
        try:
            print(*args, **kwargs)
        except:  # noqa: E722
            print("error in printing")


def grow_branches(these_tokens, probs, input_probability, past, params, prompt_length, target_length):
    # recursive function to find a sentence completion
    global model
    global tokenizer
    global stuck_counter
    stuck_counter = stuck_counter + 1
    if len(these_tokens) - prompt_length >= target_length:
        return these_tokens
    short_probability_list = sorted(enumerate(probs), key=lambda x: -x[1])[:params.other_expansion]
    for (this_token, this_probability) in short_probability_list:
        if this_probability <= params.probability_threshold:
            return False
        next_probability = this_probability * input_probability
        next_tokens = these_tokens.copy()
        next_tokens.append(this_token)
        xprint(tokenizer.decode(next_tokens[prompt_length:]))
        (next_probability_list, next_past) = expand_node(next_tokens, past)
        found = grow_branches(next_tokens, next_probability_list, next_probability, next_past, params,
                              prompt_length, target_length)
        if found:
            return found
    return False


def expand_node(sentence, past):
    # finds probabilities for the next token using gpt-2. This is the only computationally expensive operation in the program.
    global model
    if past == None:  # noqa: E711
        input_ids = torch.tensor(sentence).unsqueeze(0)
    else:
        input_ids = torch.tensor([sentence[-1]]).unsqueeze(0)
    inputs = {'input_ids': input_ids}
    with torch.no_grad():
        logits, past = model(**inputs, past=past)
        logits[0][0][tokenizer.eos_token_id] = -math.inf  # no <end of text> token (50256 in GPT-2's vocabulary)
        logits = logits[:, -1, :]
        probs = F.softmax(logits, dim=-1).tolist()[0]
        return (probs, past)


# -----------------------------------------------

tokenizer = GPT2Tokenizer.from_pretrained('gpt2')
# load gpt-2 (takes a few seconds)
model = GPT2LMHeadModel.from_pretrained(params.model_name)
xprint("model loaded")
# -----------------------------------------------
seed(params.random_seed)
stuck_counter = 0
with torch.no_grad():
    raw_prompt = "The weather today is"  # input("starting prompt: ") in the script
    prompt = tokenizer.encode(raw_prompt)
    original_length = len(prompt)
    past = None
    (probs, past) = expand_node(prompt, None)
    this_line = grow_branches(prompt, probs, 1, past, params, len(prompt), 4)
    print(len(this_line) - original_length)
