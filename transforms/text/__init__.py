"""What every extractor shares about raw text: regex building, sentences, tokens, name folding."""
