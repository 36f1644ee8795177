"""lamorel's HF LLM server (server/llms/base_llm.py, hf_llm.py and utils/load_hf_model_and_tokenizer.py,
trimmed into one file) and a caller like its tests."""
from enum import Enum
from types import SimpleNamespace

import torch
from accelerate import Accelerator
from torch.nn.functional import log_softmax
from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer, set_seed


class ModelTypesEnum(Enum):
    causal = AutoModelForCausalLM
    seq2seq = AutoModelForSeq2SeqLM


def load_hf_model_and_tokenizer(type, path, pretrained):
    print("Loading model {}".format(path))
    tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=True)

    # Select class according to type
    config = AutoConfig.from_pretrained(path, trust_remote_code=True)

    n_layers_key = 'num_hidden_layers'
    if hasattr(config, "attribute_map") and n_layers_key in config.attribute_map:
        n_layers_key = config.attribute_map[n_layers_key]

    n_layers = getattr(config, n_layers_key)
    model_class = ModelTypesEnum[type].value
    if pretrained:
        model_method = lambda **kwargs: model_class.from_pretrained(path, **kwargs)  # noqa: E731
    else:
        model_method = lambda **kwargs: model_class.from_config(config, **kwargs)  # noqa: E731

    return tokenizer, model_method, n_layers


class BaseLLM(torch.nn.Module):
    def __init__(self, args, devices, use_cpu=False):
        super().__init__()
        self.accelerator = Accelerator(cpu=use_cpu)
        self.devices = devices
        self.device_id = self.devices[0]
        self.use_cpu = use_cpu
        if self.use_cpu:
            self.device = 'cpu'
        else:
            self.device = torch.device(f'cuda:{self.device_id}')

    def generate(self, contexts, **kwargs):
        raise NotImplementedError()


class HF_LLM(BaseLLM):
    """
    This class is a wrapper around the language model, and handles distributing
    and/or compiling the model.
    """

    def __init__(self, args, devices, use_cpu):
        super().__init__(args, devices, use_cpu)

        seed = 42
        if args.seed:
            seed = args.seed
        set_seed(seed)

        self._LLM_tokenizer, _model_constructor, num_layers = load_hf_model_and_tokenizer(
            args.model_type, args.model_path, args.pretrained)

        constructor_kwargs = {
            "trust_remote_code": True
        }

        # Current version of the lib does not support parallelization with cpu
        self._LLM_model = _model_constructor(**constructor_kwargs).to('cpu')

        self._scoring_minibatch_size = args.minibatch_size
        if args.model_type == "causal":
            self.model_type = "causal"
        elif args.model_type == "seq2seq":
            self.model_type = "seq2seq"
        else:
            raise NotImplementedError()

        set_seed(seed + self.accelerator.process_index)

    def generate(self, contexts, return_logprobs=False, **kwargs):
        generations = []

        self._LLM_tokenizer.pad_token = self._LLM_tokenizer.eos_token

        encoded_inputs = self._LLM_tokenizer(contexts, return_tensors='pt', padding=True, truncation=False, add_special_tokens=True).to(self.device)

        results = self._LLM_model.generate(
            input_ids=encoded_inputs["input_ids"],
            attention_mask=encoded_inputs["attention_mask"],
            return_dict_in_generate=True,
            output_scores=True,
            **kwargs
        )

        num_return_sequences = kwargs.get('num_return_sequences', 1)

        batch_size = encoded_inputs["input_ids"].shape[0]

        if self.model_type == "causal":
            generated_sequences = results.sequences[:, encoded_inputs["input_ids"].shape[-1]:]
        else:
            generated_sequences = results.sequences[:, 1:]

        if return_logprobs:
            logp = log_softmax(torch.stack(results.scores, dim=1), dim=-1)
            scores = torch.gather(logp, 2, generated_sequences[:, :, None]).squeeze(-1)
            aggregated_scores = scores.sum(-1)
        else:
            probabilities = torch.stack(results.scores, dim=1).softmax(-1)
            scores = torch.gather(probabilities, 2, generated_sequences[:, :, None]).squeeze(-1)
            aggregated_scores = scores.prod(-1)

        for i in range(batch_size):
            prompt_generations = []
            for j in range(num_return_sequences):
                idx = i * num_return_sequences + j
                _text = self._LLM_tokenizer.decode(generated_sequences[idx], skip_special_tokens=True)
                _tokens = generated_sequences[idx]
                _scores = scores[idx]
                _agg_score = aggregated_scores[idx]
                result = {
                    "text": _text,
                    "tokens": _tokens,
                    "text_probability" if not return_logprobs else "text_logprob": _agg_score.detach().cpu().numpy(),
                    "tokens_probability" if not return_logprobs else "tokens_logprob": _scores.detach().cpu().numpy()
                }
                prompt_generations.append(result)
            generations.append(prompt_generations)
        return generations


# the hydra config of lamorel's causal LM tests
args = SimpleNamespace(
    model_type="causal",
    model_path="facebook/opt-125m",  # the causal tests config (pythia-70m commented out there)
    pretrained=True,
    seed=None,
    minibatch_size=4,
)
lm_server = HF_LLM(args, devices=[0], use_cpu=True)
PROMPTS = ["The capital of France is", "How are you"]
generated = lm_server.generate(contexts=PROMPTS, num_return_sequences=1, return_logprobs=True,
                               do_sample=False, max_new_tokens=5)
print([g[0]["tokens"].tolist() for g in generated])
