# classifiers/: (filled in by the module)
