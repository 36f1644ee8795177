from transformers import AutoTokenizer, pipeline

reward_model_name = "EleutherAI/pythia-70m"  # the reward model trained from Pythia by the StackLLaMA scripts
tokenizer_name = "EleutherAI/pythia-70m"

tokenizer = AutoTokenizer.from_pretrained(tokenizer_name)
if getattr(tokenizer, "pad_token", None) is None:
    tokenizer.pad_token = tokenizer.eos_token

sent_kwargs = {
    "top_k": None,
    "function_to_apply": "none",
    "batch_size": 16,
    "truncation": True,
}
sentiment_pipe = pipeline(
    "sentiment-analysis",
    model=reward_model_name,
    tokenizer=tokenizer,
)

texts = [
    "Question: how do I sort a list?\n\nAnswer: use sorted(my_list)",
    "Question: what is a dog?\n\nAnswer: an animal that barks at the quick brown fox",
]
# the model's config gets the pad id too: the classifier finds each row's last token by it
sentiment_pipe.model.config.pad_token_id = sentiment_pipe.model.config.eos_token_id
pipe_outputs = sentiment_pipe(texts, **sent_kwargs)
rewards = [round(output[0]["score"], 4) for output in pipe_outputs]
print(rewards)
