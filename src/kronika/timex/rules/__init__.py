"""Rule and lexicon files of the temporal tagger (data only; see `en.yaml`)."""
