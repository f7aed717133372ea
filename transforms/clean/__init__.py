"""Raw record to clean article: HTML body, site furniture, metadata, outlets, citations."""
