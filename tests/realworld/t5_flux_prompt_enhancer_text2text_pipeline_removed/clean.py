"""ComfyUI-Fluxpromptenhancer's node (nodes/flux-prompt-enhance-node.py) and a caller like ComfyUI,
which builds the node class from NODE_CLASS_MAPPINGS and calls its FUNCTION."""
import torch
from transformers import AutoTokenizer, AutoModelForSeq2SeqLM


class FluxPromptEnhanceNode:
    def __init__(self):
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model_checkpoint = "t5-small"  # gokaygokay/Flux-Prompt-Enhance, a T5 model
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_checkpoint)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(self.model_checkpoint).to(self.device)
        self.max_target_length = 256
        self.prefix = "enhance prompt: "

    @classmethod
    def INPUT_TYPES(cls):
        return {
            "required": {
                "prompt": ("STRING", {"multiline": True}),
                "seed": ("INT", {"default": 0, "min": 0, "max": 0xffffffffffffffff}),
            },
        }

    RETURN_TYPES = ("STRING",)
    FUNCTION = "enhance_prompt"
    CATEGORY = "marduk191/Flux_Prompt_Enhancer"

    def enhance_prompt(self, prompt, seed):
        # Set the seed for reproducibility
        torch.manual_seed(seed)

        # Use do_sample and temperature to control randomness
        do_sample = seed != 0
        sampling = {"temperature": 0.7, "top_k": 50, "top_p": 0.95} if do_sample else {}

        inputs = self.tokenizer(self.prefix + prompt, return_tensors="pt").to(self.device)
        output_ids = self.model.generate(
            **inputs,
            max_length=self.max_target_length,
            do_sample=do_sample,
            num_return_sequences=1,
            repetition_penalty=1.2,
            **sampling,
        )
        enhanced_prompt = self.tokenizer.decode(output_ids[0], skip_special_tokens=True)
        return (enhanced_prompt,)


NODE_CLASS_MAPPINGS = {
    "FluxPromptEnhance": FluxPromptEnhanceNode
}

node = NODE_CLASS_MAPPINGS["FluxPromptEnhance"]()
(enhanced,) = getattr(node, node.FUNCTION)(prompt="a cat on a sofa", seed=0)
print(type(enhanced).__name__)
