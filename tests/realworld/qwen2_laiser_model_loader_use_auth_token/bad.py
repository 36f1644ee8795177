"""LAiSER's transformer backend (laiser/llm_models/model_loader.py and llm_router.py, trimmed into one
file) and a caller like SkillExtractor, which builds the router for a local model on CPU."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


class LAiSERError(Exception):
    pass


DEFAULT_TRANSFORMER_MODEL_ID = "Qwen/Qwen2-0.5B-Instruct"  # TheBloke/Mixtral-7B-Instruct-v0.1-AWQ there


def load_model_from_transformer(model_id: str = None, token: str = ""):
    model_id = model_id or DEFAULT_TRANSFORMER_MODEL_ID

    try:
        tokenizer = AutoTokenizer.from_pretrained(model_id, use_auth_token=token, revision="main")  # nosec B615
        model = AutoModelForCausalLM.from_pretrained(
            model_id,
            use_auth_token=token,
            revision="main",  # nosec B615
        )
    except OSError as e:
        print(f"[WARN] Failed to load model '{model_id}': {e}")
        print(f"[INFO] Falling back to default model: {DEFAULT_TRANSFORMER_MODEL_ID}")
        tokenizer = AutoTokenizer.from_pretrained(
            DEFAULT_TRANSFORMER_MODEL_ID, use_auth_token=token, revision="main"
        )  # nosec B615
        model = AutoModelForCausalLM.from_pretrained(
            DEFAULT_TRANSFORMER_MODEL_ID,
            use_auth_token=token,
            revision="main",  # nosec B615
        )

    return tokenizer, model


class LLMRouter:
    def __init__(self, model_id=None, hf_token=None, use_gpu=False):
        self.model_id = model_id
        self.hf_token = hf_token
        self.use_gpu = use_gpu
        self.tokenizer = None
        self.model = None
        self._initialize_components()

    def _initialize_components(self):
        if self.use_gpu and torch.cuda.is_available():
            raise LAiSERError("vLLM is not installed")
        print("Using CPU/transformer model...")
        self._initialize_transformer()

    def _initialize_transformer(self):
        try:
            self.tokenizer, self.model = load_model_from_transformer(self.model_id, self.hf_token)
        except Exception as e:
            raise LAiSERError(f"Could not initialize model '{self.model_id}': {e}") from e

    def generate(self, prompt, max_new_tokens=8):
        messages = [{"role": "user", "content": prompt}]
        text = self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        inputs = self.tokenizer(text, return_tensors="pt")
        output = self.model.generate(**inputs, max_new_tokens=max_new_tokens, do_sample=False)
        return self.tokenizer.decode(output[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)


router = LLMRouter(model_id="Qwen/Qwen2-0.5B-Instruct", hf_token="", use_gpu=False)  # Qwen/Qwen2.5-0.5B-Instruct
print(len(router.generate("Extract the skills: Python, data analysis.")) >= 0)
