from transformers import pipeline

summarizer = pipeline("summarization", model="facebook/bart-base")
print(summarizer(
    """
    America has changed dramatically during recent years. Not only has the number of
    graduates in traditional engineering disciplines declined, but in most of the premier
    American universities engineering curricula now concentrate on the science of engineering.
""", max_new_tokens=8
))
