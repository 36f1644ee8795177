import pandas as pd
import torch
from torch.nn import functional as F
from transformers import T5ForConditionalGeneration, T5Tokenizer


class MonoT5ReRanker:
    def __init__(self,
                 tok_model='t5-small',  # t5-base in the report
                 model='t5-small',  # castorini/monot5-base-msmarco in the report
                 batch_size=4,
                 text_field='text'):
        self.batch_size = batch_size
        self.device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
        self.tokenizer = T5Tokenizer.from_pretrained(tok_model)
        self.model_name = model
        self.model = T5ForConditionalGeneration.from_pretrained(model)
        self.model.to(self.device)
        self.model.eval()
        self.text_field = text_field
        self.REL = self.tokenizer.encode('true')[0]
        self.NREL = self.tokenizer.encode('false')[0]

    def transform(self, run):
        scores = []
        queries, texts = run['query'], run[self.text_field]
        it = range(0, len(queries), self.batch_size)
        prompts = self.tokenizer(['Relevant:' for _ in range(self.batch_size)], return_tensors='pt', padding='longest')
        max_vlen = 512 - prompts['input_ids'].shape[1]  # self.model.config.n_positions in the report
        for start_idx in it:
            rng = slice(start_idx, start_idx + self.batch_size)
            enc = self.tokenizer([f'Query: {q} Document: {d}' for q, d in zip(queries[rng], texts[rng])], return_tensors='pt', padding='longest')
            for key, enc_value in list(enc.items()):
                enc_value = enc_value[:, :-1]
                enc_value = enc_value[:, :max_vlen]
                enc[key] = torch.cat([enc_value, prompts[key][:enc_value.shape[0]]], dim=1)
            enc['decoder_input_ids'] = torch.full(
                (len(queries[rng]), 1),
                self.model.config.decoder_start_token_id,
                dtype=torch.long
            )
            enc = {k: v.to(self.device) for k, v in enc.items()}
            with torch.no_grad():
                result = self.model(**enc).logits
            result = result[:, 0, (self.REL, self.NREL)]
            scores += F.log_softmax(result, dim=1)[:, 0].cpu().detach().tolist()
        return run.assign(score=scores)


run = pd.DataFrame({
    "qid": ["q1", "q1"],
    "query": ["chemical reactions", "chemical reactions"],
    "docno": ["d1", "d2"],
    "text": ["The quick brown fox jumps over the lazy dog.", "Hello world"],
})
print(MonoT5ReRanker().transform(run)[["docno", "score"]])
