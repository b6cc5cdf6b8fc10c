"""`chronik eval`: scoring against gold annotations (TempEval-3 measures)."""
