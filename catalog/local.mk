# catalog/: (filled in by the module)
