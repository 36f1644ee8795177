import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, DynamicCache


class PromptCompressor:
    def __init__(self, model_name: str = "meta-llama/Llama-3.2-1B"):
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.model = AutoModelForCausalLM.from_pretrained(model_name)
        self.model.eval()
        self.max_position_embeddings = self.model.config.max_position_embeddings
        self.cache_bos_num = 1

    def get_ppl(self, text, granularity="sentence", input_ids=None, attention_mask=None,
                past_key_values=None, return_kv=False, end=None):
        if input_ids is None:
            tokenized_text = self.tokenizer(text, return_tensors="pt")
            input_ids = tokenized_text["input_ids"]
            attention_mask = tokenized_text["attention_mask"]
        if past_key_values is not None:
            past_length = past_key_values[0][0].shape[2]
            pkv_for_model = DynamicCache(ddp_cache_data=[(k, v) for k, v in past_key_values])
        else:
            past_length = 0
            pkv_for_model = None
        if end is None:
            end = input_ids.shape[1]
        end = min(end, past_length + self.max_position_embeddings)
        with torch.no_grad():
            response = self.model(
                input_ids[:, past_length:end],
                attention_mask=attention_mask[:, :end],
                past_key_values=pkv_for_model,
                use_cache=True,
            )
            past_key_values = [[layer.keys, layer.values] for layer in response.past_key_values.layers]

        shift_logits = response.logits[..., :-1, :].contiguous()
        shift_labels = input_ids[..., past_length + 1 : end].contiguous()
        active = (attention_mask[:, past_length:end] == 1)[..., :-1].view(-1)
        active_logits = shift_logits.view(-1, shift_logits.size(-1))[active]
        active_labels = shift_labels.view(-1)[active]
        loss = torch.nn.functional.cross_entropy(active_logits, active_labels, reduction="none")
        res = loss.mean() if granularity == "sentence" else loss
        return (res, past_key_values) if return_kv else res

    def iterative_compress_prompt(self, context, iterative_size=8, keep_len=12):
        tokenized = self.tokenizer(context, return_tensors="pt")
        input_ids, attention_mask = tokenized["input_ids"], tokenized["attention_mask"]
        end, past_key_values, losses = iterative_size, None, []
        while end <= input_ids.shape[1]:
            if past_key_values is not None and past_key_values[0][0].shape[2] > keep_len:
                s, e = self.cache_bos_num, past_key_values[0][0].shape[2] - keep_len
                past_key_values = [
                    [
                        torch.cat([k[..., :s, :], k[..., s + e :, :]], dim=-2),
                        torch.cat([v[..., :s, :], v[..., s + e :, :]], dim=-2),
                    ]
                    for k, v in past_key_values
                ]
                input_ids = torch.cat([input_ids[:, :s], input_ids[:, s + e :]], dim=-1)
                attention_mask = torch.cat([attention_mask[:, :s], attention_mask[:, s + e :]], dim=-1)
                end -= e
            loss, past_key_values = self.get_ppl(
                "", "token", input_ids, attention_mask, past_key_values=past_key_values, return_kv=True, end=end
            )
            losses.append(loss)
            end += iterative_size
        return torch.cat(losses)


compressor = PromptCompressor()
context = "The quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat by the door."
print(compressor.iterative_compress_prompt(context).shape)
