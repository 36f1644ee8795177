import torch
from transformers import GPT2Model, GPT2Tokenizer

TOKENIZER_NAME = "gpt2"  # stanford-crfm/pubmed_gpt_tokenizer in the report
MODEL_NAME = "gpt2"  # stanford-crfm/BioMedLM in the report

GO_ANNOTATIONS = [
    "regulation of transcription by RNA polymerase II",
    "mitochondrial inner membrane",
    "ATP binding",
    "positive regulation of cell population proliferation and apoptotic process",
]


def load_encoder(tokenizer_name, model_name):
    tokenizer = GPT2Tokenizer.from_pretrained(tokenizer_name)
    tokenizer.pad_token = tokenizer.eos_token
    model = GPT2Model.from_pretrained(model_name)
    model.eval()
    return tokenizer, model


def embed(sequences, tokenizer, model, batch_size=2):
    embeddings = []
    for start in range(0, len(sequences), batch_size):
        batch = sequences[start:start + batch_size]
        inputs = tokenizer(batch, padding=True, return_tensors="pt")
        with torch.no_grad():
            hidden = model(**inputs).last_hidden_state
        mask = inputs["attention_mask"].unsqueeze(-1)
        embeddings.append((hidden * mask).sum(1) / mask.sum(1))
    return torch.cat(embeddings)


tokenizer, model = load_encoder(TOKENIZER_NAME, MODEL_NAME)
vectors = embed(GO_ANNOTATIONS, tokenizer, model)
print(tuple(vectors.shape))
