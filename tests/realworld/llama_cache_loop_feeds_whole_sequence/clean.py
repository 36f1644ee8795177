import torch
from transformers import AutoTokenizer, LlamaForCausalLM

DEV = "cpu"
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
model = LlamaForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B").to(DEV)
model.seqlen = 64


def gen_next_tokens(inp, model, max_gen_len, mask_id):
    tokenized = tokenizer.encode(inp, return_tensors="pt").to(DEV)
    total_len = min(model.seqlen, max_gen_len + tokenized.shape[1])

    tokens = torch.full((1, total_len), mask_id).to(DEV)
    tokens[0, : tokenized.shape[1]] = tokenized[0]
    attention_mask = tokens != mask_id
    past_key_values = None

    for cur_id in range(tokenized.shape[1], total_len):
        if past_key_values:
            output = model(
                tokens[:, cur_id - 1 : cur_id],
                attention_mask=attention_mask[:, :cur_id],
                past_key_values=past_key_values,
                use_cache=True,
            )
            chosen = output.logits[0][-1]
        else:
            output = model(tokens[:, :cur_id], attention_mask=attention_mask[:, :cur_id], use_cache=True)
            chosen = output.logits[0][cur_id - 1]

        past_key_values = output.past_key_values
        next_token = torch.argmax(chosen, axis=-1)
        print(round(float(chosen.sum()), 3))
        tokens[0, cur_id] = next_token
        attention_mask[0, cur_id] = True
    return tokens


print(gen_next_tokens("The weather today", model, 4, tokenizer.eos_token_id).tolist())
