import tempfile

import transformers
from transformers import BertTokenizerFast, EncoderDecoderModel

transformers.logging.set_verbosity_error()


def save_stand_in_checkpoint():
    """kykim/bertshared-kor-base in the report: a BERT2BERT with shared weights, saved once."""
    folder = tempfile.mkdtemp()
    tokenizer = BertTokenizerFast.from_pretrained("bert-base-uncased")
    model = EncoderDecoderModel.from_encoder_decoder_pretrained(
        "bert-base-uncased", "bert-base-uncased", tie_encoder_decoder=True
    )
    model.config.decoder_start_token_id = tokenizer.cls_token_id
    model.config.eos_token_id = tokenizer.sep_token_id
    model.config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.decoder_start_token_id = tokenizer.cls_token_id
    model.generation_config.eos_token_id = tokenizer.sep_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


class Summarize():
    def __init__(self, model_name):
        self.tokenizer = BertTokenizerFast.from_pretrained(model_name)
        self.model = EncoderDecoderModel.from_pretrained(model_name)

    def __call__(self, text):
        input_ids = self.tokenizer.encode(text, return_tensors='pt', truncation=True, max_length=512)

        sentence_length = len(input_ids[0])
        min_length = max(10, int(0.1 * sentence_length))
        max_length = min(128, int(0.3 * sentence_length))

        outputs = self.model.generate(
            input_ids,
            min_length=min_length,
            max_length=max_length
        )

        print(self.tokenizer.decode(outputs[0], skip_special_tokens=True))


summarize = Summarize(save_stand_in_checkpoint())
text = " ".join(["The weather today is sunny and warm. My favourite food is bread with cheese."] * 60)
summarize(text)
