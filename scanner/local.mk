# scanner/: (filled in by the module)
