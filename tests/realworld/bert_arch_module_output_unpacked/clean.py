import torch
import torch.nn as nn
from transformers import AutoModel, BertTokenizerFast

# import BERT-base pretrained model
bert = AutoModel.from_pretrained('bert-base-uncased')
# Load the BERT tokenizer
tokenizer = BertTokenizerFast.from_pretrained('bert-base-uncased')


class BERT_Arch(nn.Module):

    def __init__(self, bert):
        super(BERT_Arch, self).__init__()
        self.bert = bert
        # dropout layer
        self.dropout = nn.Dropout(0.1)
        # relu activation function
        self.relu = nn.ReLU()
        # dense layer 1
        self.fc1 = nn.Linear(32, 16)
        # dense layer 2 (Output layer)
        self.fc2 = nn.Linear(16, 2)
        # softmax activation function
        self.softmax = nn.LogSoftmax(dim=1)

    # define the forward pass
    def forward(self, sent_id, mask):
        # pass the inputs to the model
        cls_hs = self.bert(sent_id, attention_mask=mask).pooler_output
        x = self.fc1(cls_hs)
        x = self.relu(x)
        x = self.dropout(x)
        # output layer
        x = self.fc2(x)
        # apply softmax activation
        x = self.softmax(x)
        return x


model = BERT_Arch(bert)

tokens_train = tokenizer(
    ["the dog is lazy", "what a quick brown fox"], max_length=16, padding='max_length', truncation=True
)
train_seq = torch.tensor(tokens_train['input_ids'])
train_mask = torch.tensor(tokens_train['attention_mask'])
train_y = torch.tensor([0, 1])


def train():
    model.train()
    total_loss = 0
    cross_entropy = nn.NLLLoss()
    for step, batch in enumerate(zip([train_seq], [train_mask], [train_y])):
        sent_id, mask, labels = batch
        model.zero_grad()
        # get model predictions for the current batch
        preds = model(sent_id, mask)
        # compute the loss between actual and predicted values
        loss = cross_entropy(preds, labels)
        total_loss = total_loss + loss.item()
        loss.backward()
    return total_loss, preds


train_loss, _ = train()
print(round(train_loss, 4))
