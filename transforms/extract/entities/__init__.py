"""People and organisations: the tagger decides what is a name; rules add roles, affiliations and kinds."""
